// Network: who acts on whom in the period. Nodes are actors (codes cut to
// their country part by actor_chars=3), sized by events; a directed edge's
// width grows with its events and its colour goes from vermillion (mean
// Goldstein -10) through grey to blue (+10). Laid out once with d3-force.
import { forceSimulation, forceLink, forceManyBody, forceCenter, forceCollide, forceX, forceY } from 'd3-force';
import { get } from '../api.js';
import { el, svg, fmt, fmt1, goldsteinColor, errorBox } from '../util.js';


export async function render(root, ctx) {
  const chars = ['3', '6', '0'].includes(ctx.params.chars) ? ctx.params.chars : '3';
  const select = el(
    'select',
    { id: 'net-chars', onchange: (e) => ctx.navigate('network', { ...ctx.params, chars: e.target.value }, { focus: false }) },
    el('option', { value: '3', selected: chars === '3' }, 'countries (3 letters)'),
    el('option', { value: '6', selected: chars === '6' }, 'country + sector (6)'),
    el('option', { value: '0', selected: chars === '0' }, 'full actor codes'),
  );
  const status = el('p', { class: 'status', 'aria-live': 'polite' }, 'Loading…');
  const graph = svg('svg', { id: 'network-svg', class: 'network', role: 'group', 'aria-label': 'Actor network' });
  const wrap = el('div', { class: 'network-wrap' }, graph);
  const table = el('div', { class: 'table-wrap' });
  root.append(
    el(
      'section',
      { class: 'view view-network', 'aria-labelledby': 'net-h' },
      el('div', { class: 'view-head' }, el('h2', { id: 'net-h' }, 'Actor network'),
        el('div', { class: 'inline' }, el('label', { for: 'net-chars' }, 'Actors as'), select)),
      status,
      wrap,
      el(
        'ul',
        { class: 'legend', 'aria-label': 'Edge colours' },
        el('li', {}, el('span', { class: 'swatch', style: `background:${goldsteinColor(-10)}` }), 'conflict (Goldstein −10)'),
        el('li', {}, el('span', { class: 'swatch', style: `background:${goldsteinColor(0)}` }), 'neutral'),
        el('li', {}, el('span', { class: 'swatch', style: `background:${goldsteinColor(10)}` }), 'cooperation (+10)'),
        el('li', {}, 'edge width: events; arrow: who acted on whom'),
      ),
      el('details', { class: 'data' }, el('summary', {}, 'Edges as a table'), table),
    ),
  );

  let res;
  try {
    res = await get('/api/network', { ...ctx.filters, n: 40, actor_chars: chars }, ctx.signal);
  } catch (e) {
    if (e.name !== 'AbortError') status.replaceChildren(errorBox(e));
    return;
  }
  const nodes = (res.nodes || []).map((n) => ({ ...n }));
  const ids = new Set(nodes.map((n) => n.id));
  const edges = (res.edges || []).filter((e) => ids.has(e.source) && ids.has(e.target) && e.source !== e.target).map((e) => ({ ...e }));
  graph.dataset.nodes = String(nodes.length);
  graph.dataset.edges = String(edges.length);
  status.textContent = nodes.length
    ? `${fmt(nodes.length)} actors, ${fmt(edges.length)} directed links. Tab to an actor, Enter shows its events.`
    : 'No events with two actors for these filters.';
  if (!nodes.length) return;

  // Lay out in the box's own pixels (taller than wide on a phone), so labels
  // keep their size at any width.
  const W = Math.max(300, wrap.clientWidth || 900);
  const H = Math.min(W < 600 ? Math.round(W * 1.25) : Math.min(620, Math.round(W * 0.55)), 240 + 40 * nodes.length);
  const small = W < 600 ? 0.7 : 1;
  graph.setAttribute('viewBox', `0 0 ${W} ${H}`);
  const r = (n) => Math.min(30, 7 + 2.6 * Math.sqrt(n.events || 1)) * small;
  const maxE = Math.max(1, ...edges.map((e) => e.events));
  const sim = forceSimulation(nodes)
    .force('link', forceLink(edges).id((d) => d.id).distance(110 * small).strength(0.3))
    .force('charge', forceManyBody().strength(-260 * small).distanceMax(320))
    .force('center', forceCenter(W / 2, H / 2))
    .force('x', forceX(W / 2).strength(0.07))
    .force('y', forceY(H / 2).strength(0.1))
    .force('collide', forceCollide((d) => r(d) + 14))
    .stop();
  for (let i = 0; i < 300; i++) sim.tick();

  // Map the layout onto the box (labels keep their pixel size): scale each
  // axis so the graph fills it, never beyond 1.8x (a small graph stays small).
  const pad = 36 * small + 14;
  const xs = nodes.map((n) => n.x);
  const ys = nodes.map((n) => n.y);
  const x0 = Math.min(...xs);
  const y0 = Math.min(...ys);
  const bw = Math.max(1, Math.max(...xs) - x0);
  const bh = Math.max(1, Math.max(...ys) - y0);
  const sx = Math.min(1.8, (W - 2 * pad) / bw);
  const sy = Math.min(1.8, (H - 2 * pad) / bh);
  const ox = (W - bw * sx) / 2;
  const oy = (H - bh * sy) / 2;
  for (const n of nodes) {
    n.x = ox + (n.x - x0) * sx;
    n.y = oy + (n.y - y0) * sy;
  }

  const defs = svg('defs', {}, svg('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: '9', refY: '5', markerWidth: '11', markerHeight: '11', markerUnits: 'userSpaceOnUse', orient: 'auto-start-reverse' },
    svg('path', { d: 'M0,0 L10,5 L0,10 z', fill: '#555' })));
  const hasReverse = new Set(edges.map((e) => `${e.source.id}>${e.target.id}`));
  const edgeEls = edges.map((e) => {
    const s = e.source;
    const t = e.target;
    const dx = t.x - s.x;
    const dy = t.y - s.y;
    const len = Math.hypot(dx, dy) || 1;
    // Curve the edge when the opposite direction exists too, so both show.
    const bend = hasReverse.has(`${t.id}>${s.id}`) ? 0.18 : 0;
    const mx = (s.x + t.x) / 2 - dy * bend;
    const my = (s.y + t.y) / 2 + dx * bend;
    // End at the target's rim.
    const ex = t.x - ((t.x - mx) / Math.hypot(t.x - mx, t.y - my)) * (r(t) + 3);
    const ey = t.y - ((t.y - my) / Math.hypot(t.x - mx, t.y - my)) * (r(t) + 3);
    const width = 1.2 + 6 * Math.sqrt(e.events / maxE);
    return svg(
      'path',
      {
        class: 'edge',
        d: `M${s.x.toFixed(1)},${s.y.toFixed(1)} Q${mx.toFixed(1)},${my.toFixed(1)} ${ex.toFixed(1)},${ey.toFixed(1)}`,
        stroke: goldsteinColor(e.goldstein_mean),
        'stroke-width': width.toFixed(1),
        'marker-end': 'url(#arrow)',
        'data-len': len.toFixed(0),
      },
      svg('title', { text: `${s.id} → ${t.id}: ${e.events} events, mean Goldstein ${fmt1(e.goldstein_mean)}` }),
    );
  });
  const nodeEls = nodes.map((n) => {
    const label = `${n.id}${n.name ? ` (${n.name})` : ''}: ${n.events} events`;
    const open = () => ctx.navigate('events', { a: n.id, from: ctx.params.from, to: ctx.params.to });
    return svg(
      'g',
      {
        class: 'node',
        tabindex: '0',
        role: 'button',
        'aria-label': label,
        transform: `translate(${n.x.toFixed(1)},${n.y.toFixed(1)})`,
        onclick: open,
        onkeydown: (e) => {
          if (e.key === 'Enter' || e.key === ' ') {
            e.preventDefault();
            open();
          }
        },
        onmouseenter: () => graph.classList.add('focusing') || mark(n.id, true),
        onmouseleave: () => graph.classList.remove('focusing') || mark(n.id, false),
        onfocus: () => graph.classList.add('focusing') || mark(n.id, true),
        onblur: () => graph.classList.remove('focusing') || mark(n.id, false),
      },
      svg('title', { text: label }),
      svg('circle', { r: r(n).toFixed(1) }),
      svg('text', { 'text-anchor': 'middle', dy: (r(n) + 14).toFixed(1), text: n.id }),
    );
  });
  function mark(id, on) {
    edges.forEach((e, i) => edgeEls[i].classList.toggle('lit', on && (e.source.id === id || e.target.id === id)));
  }
  graph.replaceChildren(defs, svg('g', { class: 'edges' }, edgeEls), svg('g', { class: 'nodes' }, nodeEls));

  table.replaceChildren(
    el(
      'table',
      { class: 'grid' },
      el('thead', {}, el('tr', {}, ['Source', 'Target', 'Events', 'Mean Goldstein'].map((h) => el('th', { scope: 'col' }, h)))),
      el('tbody', {}, edges.slice().sort((a, b) => b.events - a.events).map((e) =>
        el('tr', {}, el('td', {}, e.source.id), el('td', {}, e.target.id), el('td', { class: 'num' }, fmt(e.events)), el('td', { class: 'num' }, fmt1(e.goldstein_mean))))),
    ),
  );
}
