// Map: located events aggregated by /api/map into grid cells for the zoom
// level, drawn as circles (area ~ events, colour = the cell's dominant
// QuadClass; cells that would overlap on screen are merged), over Natural
// Earth country outlines. Drag or arrow keys pan, wheel or +/- zoom; the two
// sliders restrict the date range. Enter or a click on a marker opens its
// events.
import { geoNaturalEarth1, geoPath, geoGraticule10 } from 'd3-geo';
import { feature, mesh } from 'topojson-client';
import { get } from '../api.js';
import { el, svg, QUADS, quadColor, quadName, debounce, fmt, errorBox, quadLegend } from '../util.js';

let worldPromise = null;
function world() {
  if (!worldPromise) {
    worldPromise = fetch('assets/world-110m.json')
      .then((r) => (r.ok ? r.json() : Promise.reject(new Error(`world outlines: HTTP ${r.status}`))))
      .then((topo) => ({ land: feature(topo, topo.objects.countries), borders: mesh(topo, topo.objects.countries, (a, b) => a !== b) }))
      .catch((e) => {
        worldPromise = null;
        throw e;
      });
  }
  return worldPromise;
}

const monthKey = (d) => d.slice(0, 7);
function monthsBetween(a, b) {
  const out = [];
  let [y, m] = a.split('-').map(Number);
  const [y2, m2] = b.split('-').map(Number);
  while ((y < y2 || (y === y2 && m <= m2)) && out.length < 1200) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
  return out;
}
function lastDay(month) {
  const [y, m] = month.split('-').map(Number);
  return `${month}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`;
}

// Greedy screen-space clustering: biggest cells first, a cell whose circle
// overlaps a kept one is merged into it.
function cluster(cells, radius) {
  const sorted = [...cells].sort((a, b) => b.events - a.events);
  const kept = [];
  for (const c of sorted) {
    const r = radius(c.events);
    const hit = kept.find((k) => Math.hypot(k.x - c.x, k.y - c.y) < (radius(k.events) + r) * 0.7);
    if (hit) {
      hit.events += c.events;
      hit.quad = hit.quad.map((v, i) => v + ((c.quad || [])[i] || 0));
      hit.members.push(c);
    } else kept.push({ ...c, quad: [...(c.quad || [0, 0, 0, 0])], members: [c] });
  }
  return kept;
}

export async function render(root, ctx) {
  const W = 960;
  const H = 500;
  const status = el('p', { class: 'status', 'aria-live': 'polite' }, 'Loading…');
  const mapSvg = svg('svg', {
    id: 'map-svg',
    viewBox: `0 0 ${W} ${H}`,
    class: 'map',
    role: 'application',
    'aria-roledescription': 'map',
    'aria-label': 'World map of events. Arrow keys pan, plus and minus zoom; Tab reaches the markers.',
    tabindex: '0',
  });
  const gLand = svg('g', { class: 'land' });
  const gCells = svg('g', { class: 'cells' });
  mapSvg.append(gLand, gCells);

  const fromR = el('input', { type: 'range', id: 'map-from', min: 0, max: 0, value: 0, 'aria-label': 'First month' });
  const toR = el('input', { type: 'range', id: 'map-to', min: 0, max: 0, value: 0, 'aria-label': 'Last month' });
  const rangeOut = el('output', { id: 'map-range', for: 'map-from map-to' }, '');
  const zoomIn = el('button', { type: 'button', 'aria-label': 'Zoom in' }, '+');
  const zoomOut = el('button', { type: 'button', 'aria-label': 'Zoom out' }, '−');
  const reset = el('button', { type: 'button', class: 'secondary' }, 'Reset view');
  const list = el('ul', { class: 'cell-list' });

  root.append(
    el(
      'section',
      { class: 'view view-map', 'aria-labelledby': 'map-h' },
      el('div', { class: 'view-head' }, el('h2', { id: 'map-h' }, 'Map of events'),
        el('div', { class: 'inline zoom' }, zoomIn, zoomOut, reset)),
      el('fieldset', { class: 'range' }, el('legend', {}, 'Date range'), fromR, toR, rangeOut),
      status,
      el('div', { class: 'map-wrap' }, mapSvg),
      quadLegend(),
      el('details', { class: 'data' }, el('summary', {}, 'Places listed'), list),
    ),
  );

  // Projection state: scale factor k and translation, fitted to the sphere at k = 1.
  const base = geoNaturalEarth1().fitExtent([[4, 4], [W - 4, H - 4]], { type: 'Sphere' });
  const s0 = base.scale();
  const t0 = base.translate();
  let k = 1;
  let tx = t0[0];
  let ty = t0[1];
  const proj = geoNaturalEarth1();
  const path = geoPath(proj);
  let land = null;
  let cells = [];
  let months = [];

  function applyProjection() {
    proj.scale(s0 * k).translate([tx, ty]);
  }
  function drawLand() {
    applyProjection();
    gLand.replaceChildren(
      svg('path', { class: 'sphere', d: path({ type: 'Sphere' }) }),
      svg('path', { class: 'graticule', d: path(geoGraticule10()) }),
      land ? svg('path', { class: 'country', d: path(land.land) }) : null,
      land ? svg('path', { class: 'border', d: path(land.borders) }) : null,
    );
  }
  // Marker sizes are in screen pixels whatever the map's displayed width (a
  // phone shows the 960-unit map at ~370 px): grow them in map units there.
  let px = 1;
  const radius = (n) => Math.min(34, 4 + 3.2 * Math.sqrt(n)) * px;
  function drawCells() {
    applyProjection();
    px = Math.min(2.5, Math.max(1, W / (mapSvg.clientWidth || W)));
    const placed = [];
    for (const c of cells) {
      const p = proj([c.lon, c.lat]);
      if (!p || p[0] < -40 || p[0] > W + 40 || p[1] < -40 || p[1] > H + 40) continue;
      placed.push({ ...c, x: p[0], y: p[1] });
    }
    const clusters = cluster(placed, radius);
    mapSvg.dataset.markers = String(clusters.length);
    gCells.replaceChildren(
      ...clusters.map((c) => {
        const dom = c.quad.indexOf(Math.max(...c.quad)) + 1;
        const places = c.members.map((m) => m.place).filter(Boolean);
        const name = places[0] || `${c.lat.toFixed(1)}, ${c.lon.toFixed(1)}`;
        const more = c.members.length > 1 ? ` and ${c.members.length - 1} more places` : '';
        const detail = QUADS.map((q, i) => `${c.quad[i]} ${q.name.toLowerCase()}`).join(', ');
        const label = `${name}${more}: ${c.events} events (${detail})`;
        const open = () => {
          if (c.members.length === 1 && c.place) ctx.go('events', { place: c.place });
          else {
            const lons = c.members.map((m) => m.lon);
            const lats = c.members.map((m) => m.lat);
            const pad = 1;
            ctx.go('events', { bbox: [Math.min(...lons) - pad, Math.min(...lats) - pad, Math.max(...lons) + pad, Math.max(...lats) + pad].map((v) => v.toFixed(2)).join(',') });
          }
        };
        return svg(
          'g',
          {
            class: 'marker',
            tabindex: '0',
            role: 'button',
            'aria-label': label,
            transform: `translate(${c.x.toFixed(1)},${c.y.toFixed(1)})`,
            onclick: open,
            onkeydown: (e) => {
              if (e.key === 'Enter' || e.key === ' ') {
                e.preventDefault();
                e.stopPropagation();
                open();
              }
            },
          },
          svg('title', { text: label }),
          svg('circle', { r: radius(c.events).toFixed(1), fill: quadColor(dom), 'data-quad': dom }),
          c.events > 1 ? svg('text', { 'text-anchor': 'middle', dy: '0.35em', 'font-size': (11 * px).toFixed(1), text: String(c.events) }) : null,
        );
      }),
    );
    list.replaceChildren(
      ...cells.slice().sort((a, b) => b.events - a.events).slice(0, 50).map((c) =>
        el('li', {}, `${c.place || `${c.lat}, ${c.lon}`}: ${fmt(c.events)} events, mostly ${quadName(c.quad.indexOf(Math.max(...c.quad)) + 1).toLowerCase()}`)),
    );
  }

  function zoomLevel() {
    return Math.max(0, Math.min(12, Math.round(Math.log2((k * W) / 256))));
  }
  function viewportBbox() {
    if (k <= 1.01) return undefined;
    const a = proj.invert([0, 0]);
    const b = proj.invert([W, H]);
    if (!a || !b || a.some(Number.isNaN) || b.some(Number.isNaN)) return undefined;
    const minLon = Math.max(-180, Math.min(a[0], b[0]));
    const maxLon = Math.min(180, Math.max(a[0], b[0]));
    const minLat = Math.max(-90, Math.min(a[1], b[1]));
    const maxLat = Math.min(90, Math.max(a[1], b[1]));
    return [minLon, minLat, maxLon, maxLat].map((v) => v.toFixed(3)).join(',');
  }
  function dateFilters() {
    if (!months.length) return {};
    return { from: `${months[Number(fromR.value)]}-01`, to: lastDay(months[Number(toR.value)]) };
  }

  let request = 0;
  async function load() {
    const mine = ++request;
    status.textContent = 'Loading…';
    try {
      const res = await get('/api/map', { ...ctx.filters, ...dateFilters(), zoom: zoomLevel(), bbox: viewportBbox() }, ctx.signal);
      if (mine !== request || ctx.signal.aborted) return;
      cells = (res.cells || []).filter((c) => Number.isFinite(c.lat) && Number.isFinite(c.lon));
      const total = cells.reduce((s, c) => s + c.events, 0);
      status.textContent = cells.length
        ? `${fmt(total)} located events in ${fmt(cells.length)} places.`
        : 'No located events for these filters (events without a place are not mapped).';
      drawCells();
    } catch (e) {
      if (e.name === 'AbortError') return;
      status.replaceChildren(errorBox(e));
    }
  }
  const reload = debounce(load, 200);

  function zoomBy(f, cx = W / 2, cy = H / 2) {
    const nk = Math.max(1, Math.min(64, k * f));
    const real = nk / k;
    tx = cx - (cx - tx) * real;
    ty = cy - (cy - ty) * real;
    k = nk;
    if (k === 1) [tx, ty] = t0;
    drawLand();
    drawCells();
    reload();
  }
  function panBy(dx, dy) {
    if (k === 1) return;
    tx += dx;
    ty += dy;
    drawLand();
    drawCells();
    reload();
  }
  zoomIn.addEventListener('click', () => zoomBy(2));
  zoomOut.addEventListener('click', () => zoomBy(0.5));
  reset.addEventListener('click', () => {
    k = 1;
    [tx, ty] = t0;
    drawLand();
    drawCells();
    reload();
  });
  mapSvg.addEventListener('keydown', (e) => {
    const step = 60;
    const keys = { ArrowLeft: [step, 0], ArrowRight: [-step, 0], ArrowUp: [0, step], ArrowDown: [0, -step] };
    if (keys[e.key]) {
      e.preventDefault();
      panBy(...keys[e.key]);
    } else if (e.key === '+' || e.key === '=') {
      e.preventDefault();
      zoomBy(2);
    } else if (e.key === '-' || e.key === '_') {
      e.preventDefault();
      zoomBy(0.5);
    }
  });
  function svgPoint(e) {
    const r = mapSvg.getBoundingClientRect();
    return [((e.clientX - r.left) / r.width) * W, ((e.clientY - r.top) / r.height) * H];
  }
  mapSvg.addEventListener('wheel', (e) => {
    e.preventDefault();
    zoomBy(e.deltaY < 0 ? 1.5 : 1 / 1.5, ...svgPoint(e));
  }, { passive: false });
  let drag = null;
  mapSvg.addEventListener('pointerdown', (e) => {
    if (e.target.closest('.marker')) return;
    drag = svgPoint(e);
    mapSvg.setPointerCapture(e.pointerId);
  });
  mapSvg.addEventListener('pointermove', (e) => {
    if (!drag) return;
    const p = svgPoint(e);
    const d = [p[0] - drag[0], p[1] - drag[1]];
    drag = p;
    panBy(...d);
  });
  mapSvg.addEventListener('pointerup', () => {
    drag = null;
  });

  function onRange(e) {
    if (Number(fromR.value) > Number(toR.value)) {
      if (e.target === fromR) toR.value = fromR.value;
      else fromR.value = toR.value;
    }
    const f = dateFilters();
    rangeOut.textContent = months.length ? `${months[Number(fromR.value)]} to ${months[Number(toR.value)]}` : '';
    fromR.setAttribute('aria-valuetext', f.from || '');
    toR.setAttribute('aria-valuetext', f.to || '');
    reload();
  }
  fromR.addEventListener('input', onRange);
  toR.addEventListener('input', onRange);

  drawLand();
  // The slider covers the months with events for the filter bar's actors and dates.
  const extent = get('/api/stats/timeline', { ...ctx.filters, period: 'month' }, ctx.signal).catch(() => null);
  world()
    .then((w) => {
      land = w;
      if (!ctx.signal.aborted) drawLand();
    })
    .catch((e) => status.replaceChildren(errorBox(e)));
  const ex = await extent;
  if (ctx.signal.aborted) return;
  const pts = ((ex && ex.points) || []).map((p) => p.period).sort();
  if (pts.length) {
    months = monthsBetween(monthKey(pts[0]), monthKey(pts[pts.length - 1]));
    for (const r of [fromR, toR]) r.max = String(months.length - 1);
    fromR.value = '0';
    toR.value = String(months.length - 1);
    rangeOut.textContent = `${months[0]} to ${months[months.length - 1]}`;
  } else {
    fromR.disabled = true;
    toR.disabled = true;
  }
  await load();
}
