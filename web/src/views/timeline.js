// Timeline: events per period split by QuadClass, and the mean Goldstein
// score, for the dyad (or actor) of the filter bar; plus the busiest pairs
// of the period, each a link that picks that dyad.
import uPlot from 'uplot';
import { get } from '../api.js';
import { el, QUADS, fmt, fmt1, errorBox } from '../util.js';

const PERIODS = ['day', 'week', 'month', 'year'];
const DAY = 86400;

function addPeriod(t, period) {
  const d = new Date(t * 1000);
  if (period === 'day') return t + DAY;
  if (period === 'week') return t + 7 * DAY;
  if (period === 'month') return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1) / 1000;
  return Date.UTC(d.getUTCFullYear() + 1, 0, 1) / 1000;
}

// The API lists only periods with events; the chart fills the gaps with zero
// counts (and no Goldstein mean) so lines do not bridge empty months.
export function fillSeries(points, period) {
  const rows = points.map((p) => ({ t: Date.parse(`${p.period}T00:00:00Z`) / 1000, p })).filter((r) => !Number.isNaN(r.t));
  rows.sort((a, b) => a.t - b.t);
  const xs = [];
  const quads = [[], [], [], []];
  const g = [];
  if (!rows.length) return { xs, quads, g };
  const byT = new Map(rows.map((r) => [r.t, r.p]));
  let steps = 0;
  for (let t = rows[0].t; t <= rows[rows.length - 1].t && steps < 20000; t = addPeriod(t, period), steps++) {
    const p = byT.get(t);
    xs.push(t);
    for (let q = 0; q < 4; q++) quads[q].push(p ? (p.quad && p.quad[q]) || 0 : 0);
    g.push(p && p.events ? p.goldstein_mean : null);
  }
  if (steps >= 20000 || xs.length !== new Set(xs).size || rows.some((r) => !byT.has(r.t))) {
    // Period starts the filler does not reproduce: plot the points as given.
    return {
      xs: rows.map((r) => r.t),
      quads: [0, 1, 2, 3].map((q) => rows.map((r) => (r.p.quad && r.p.quad[q]) || 0)),
      g: rows.map((r) => r.p.goldstein_mean),
    };
  }
  return { xs, quads, g };
}

function label(f) {
  if (f.dyad) return `${f.dyad.replace(',', ' – ')}`;
  if (f.actor) return f.actor;
  return 'all actors';
}

export async function render(root, ctx) {
  const period = PERIODS.includes(ctx.params.period) ? ctx.params.period : 'month';
  const select = el(
    'select',
    { id: 'tl-period', onchange: (e) => ctx.navigate('timeline', { ...ctx.params, period: e.target.value }, { focus: false }) },
    PERIODS.map((p) => el('option', { value: p, selected: p === period }, p)),
  );
  const chartBox = el('div', { class: 'chart', id: 'timeline-chart', role: 'img', 'aria-label': 'Timeline chart (data table below)' });
  const status = el('p', { class: 'status', 'aria-live': 'polite' }, 'Loading…');
  const tableBox = el('div', { class: 'table-wrap' });
  const top = el('div', { class: 'top-pairs' });
  root.append(
    el(
      'section',
      { class: 'view view-timeline', 'aria-labelledby': 'tl-h' },
      el('div', { class: 'view-head' }, el('h2', { id: 'tl-h' }, `Timeline · ${label(ctx.filters)}`),
        el('div', { class: 'inline' }, el('label', { for: 'tl-period' }, 'Period'), select)),
      status,
      chartBox,
      el('details', { class: 'data' }, el('summary', {}, 'Data table'), tableBox),
      el('h3', {}, 'Busiest pairs'),
      top,
    ),
  );

  const [tl, pairs] = await Promise.allSettled([
    get('/api/stats/timeline', { ...ctx.filters, period }, ctx.signal),
    get('/api/stats/top', { ...ctx.filters, by: 'pair', n: 10 }, ctx.signal),
  ]);
  if (ctx.signal.aborted) return;

  if (pairs.status === 'fulfilled') {
    const rows = pairs.value.rows || [];
    top.replaceChildren(
      rows.length
        ? el(
            'ol',
            { class: 'pairs' },
            rows.map((r) => {
              const [a, b] = String(r.key).split(',');
              return el(
                'li',
                {},
                el('a', { href: `#/timeline?a=${encodeURIComponent(a)}&b=${encodeURIComponent(b || '')}&period=${period}` }, r.name || r.key),
                ` ${r.key} · ${fmt(r.events)} events · Goldstein ${fmt1(r.goldstein_mean)}`,
              );
            }),
          )
        : el('p', {}, 'No pairs.'),
    );
  } else top.replaceChildren(errorBox(pairs.reason));

  if (tl.status !== 'fulfilled') {
    status.replaceChildren(errorBox(tl.reason));
    return;
  }
  const points = tl.value.points || [];
  const nonEmpty = points.filter((p) => p.events > 0);
  chartBox.dataset.points = String(nonEmpty.length);
  const total = points.reduce((s, p) => s + (p.events || 0), 0);
  status.textContent = nonEmpty.length
    ? `${fmt(total)} event${total === 1 ? '' : 's'} in ${fmt(nonEmpty.length)} ${period}${nonEmpty.length === 1 ? '' : 's'} with events.`
    : 'No events for these filters.';

  tableBox.replaceChildren(
    el(
      'table',
      { class: 'grid', id: 'timeline-table' },
      el('caption', { class: 'sr-only' }, 'Events per period'),
      el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'Period'), el('th', { scope: 'col' }, 'Events'),
        QUADS.map((q) => el('th', { scope: 'col' }, q.short)), el('th', { scope: 'col' }, 'Mean Goldstein'))),
      el('tbody', {}, nonEmpty.map((p) =>
        el('tr', {}, el('td', {}, p.period), el('td', { class: 'num' }, fmt(p.events)),
          [0, 1, 2, 3].map((q) => el('td', { class: 'num' }, fmt((p.quad || [])[q] || 0))),
          el('td', { class: 'num' }, fmt1(p.goldstein_mean))))),
    ),
  );
  if (!nonEmpty.length) return;

  const { xs, quads, g } = fillSeries(points, period);
  if (xs.length < 3) {
    // One or two periods alone get an axis of years: add an empty period each side.
    const before = 2 * xs[0] - addPeriod(xs[0], period);
    xs.unshift(before);
    xs.push(addPeriod(xs[xs.length - 1], period));
    for (const q of quads) {
      q.unshift(0);
      q.push(0);
    }
    g.unshift(null);
    g.push(null);
  }
  const many = xs.length > 240;
  const pointSize = many ? 0 : 6;
  const opts = {
    width: Math.max(280, chartBox.clientWidth || 600),
    height: window.innerWidth < 600 ? 240 : 320,
    tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'),
    scales: {
      x: { time: true },
      y: { range: (u, min, max) => [0, Math.max(1, max * 1.1)] },
      g: { range: [-10, 10] },
    },
    axes: [
      { stroke: '#444' },
      { label: 'events', stroke: '#444', size: 50 },
      { scale: 'g', side: 1, label: 'Goldstein', stroke: '#666', grid: { show: false }, size: 50 },
    ],
    series: [
      { label: period },
      ...QUADS.map((q) => ({
        label: q.name,
        stroke: q.color,
        width: 2,
        points: { show: !many, size: pointSize, fill: q.color },
      })),
      { label: 'Mean Goldstein', scale: 'g', stroke: '#333', width: 1.5, dash: [6, 4], spanGaps: false,
        points: { show: !many, size: 7, fill: '#333' }, value: (u, v) => (v === null ? '–' : fmt1(v)) },
    ],
  };
  const plot = new uPlot(opts, [xs, ...quads, g], chartBox);
  const ro = new ResizeObserver(() => {
    if (!chartBox.isConnected) {
      ro.disconnect();
      plot.destroy();
      return;
    }
    plot.setSize({ width: Math.max(280, chartBox.clientWidth), height: opts.height });
  });
  ro.observe(chartBox);
  ctx.signal.addEventListener('abort', () => {
    ro.disconnect();
    plot.destroy();
  });
}
