// The dashboard: one page, hash routes (#/timeline, #/map, #/network,
// #/events, #/code) sharing one filter bar (actor A, actor B, date range)
// whose state lives in the hash, so every view can be bookmarked and the
// Back button works.
import './style.css';
import 'uplot/dist/uPlot.min.css';
import { get } from './api.js';
import { actorCombobox } from './combobox.js';
import { fmt } from './util.js';
import * as timeline from './views/timeline.js';
import * as map from './views/map.js';
import * as network from './views/network.js';
import * as events from './views/events.js';
import * as code from './views/code.js';

const VIEWS = { timeline, map, network, events, code };
const DEFAULT_VIEW = 'timeline';
// Hash parameters passed on to the API as they are (same meaning as `dyad query`).
const PASS = ['country', 'code', 'root', 'quad', 'place', 'bbox', 'q', 'modality', 'directed'];

export function parseHash(hash = location.hash) {
  const h = hash.replace(/^#\/?/, '');
  const [path, qs = ''] = h.split('?');
  const view = VIEWS[path] ? path : DEFAULT_VIEW;
  return { view, params: Object.fromEntries(new URLSearchParams(qs)) };
}

export function hashFor(view, params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) if (v !== undefined && v !== null && v !== '') q.set(k, v);
  const s = q.toString();
  return `#/${view}${s ? `?${s}` : ''}`;
}

// Hash state -> API filters: two actors make a dyad (either direction), one
// actor matches either side.
export function apiFilters(params) {
  const f = {};
  const a = (params.a || '').trim();
  const b = (params.b || '').trim();
  if (a && b) f.dyad = `${a},${b}`;
  else if (a || b) f.actor = a || b;
  if (params.from) f.from = params.from;
  if (params.to) f.to = params.to;
  for (const k of PASS) if (params[k]) f[k] = params[k];
  return f;
}

let current = { view: null, params: {} };
let controller = null;
let focusHeading = false;

export function navigate(view, params, { focus = true } = {}) {
  focusHeading = focus;
  const h = hashFor(view, params);
  if (h === location.hash) route();
  else location.hash = h;
}

const comboA = actorCombobox(document.getElementById('combo-a'), {
  label: 'Actor',
  placeholder: 'e.g. IRN',
  onChange: () => applyFilters(),
});
const comboB = actorCombobox(document.getElementById('combo-b'), {
  label: 'With actor',
  placeholder: 'e.g. RUS',
  onChange: () => applyFilters(),
});
const fromInput = document.getElementById('f-from');
const toInput = document.getElementById('f-to');

function applyFilters() {
  const params = { ...current.params, a: comboA.value, b: comboB.value, from: fromInput.value, to: toInput.value };
  delete params.offset;
  navigate(current.view || DEFAULT_VIEW, params, { focus: false });
}

document.getElementById('filters').addEventListener('submit', (e) => {
  e.preventDefault();
  applyFilters();
});
fromInput.addEventListener('change', applyFilters);
toInput.addEventListener('change', applyFilters);
document.getElementById('f-clear').addEventListener('click', () => {
  comboA.set('');
  comboB.set('');
  fromInput.value = '';
  toInput.value = '';
  navigate(current.view || DEFAULT_VIEW, {}, { focus: false });
});

function route() {
  const { view, params } = parseHash();
  current = { view, params };
  // Coding pasted text ignores the store's filters: no filter bar there.
  document.getElementById('filters').hidden = view === 'code';
  comboA.set(params.a || '');
  comboB.set(params.b || '');
  fromInput.value = params.from || '';
  toInput.value = params.to || '';
  document.querySelectorAll('.tabs a').forEach((a) => {
    if (a.dataset.view === view) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
    a.href = hashFor(a.dataset.view, { a: params.a, b: params.b, from: params.from, to: params.to });
  });
  if (controller) controller.abort();
  controller = new AbortController();
  const main = document.getElementById('main');
  main.replaceChildren();
  main.dataset.view = view;
  const ctx = {
    params,
    filters: apiFilters(params),
    signal: controller.signal,
    navigate,
    go: (v, extra) => navigate(v, { a: params.a, b: params.b, from: params.from, to: params.to, ...extra }),
  };
  document.title = `dyad — ${view}`;
  delete main.dataset.ready;
  const signal = controller.signal;
  // data-ready and the performance mark tell tests (and curious people) when
  // the view has drawn its data.
  Promise.resolve(VIEWS[view].render(main, ctx))
    .then(() => {
      if (signal.aborted) return;
      main.dataset.ready = view;
      performance.mark(`dyad-ready-${view}`);
    })
    .catch((e) => {
      if (e && e.name === 'AbortError') return;
      console.error(e);
    });
  if (focusHeading) {
    const h = main.querySelector('h1, h2');
    if (h) {
      h.setAttribute('tabindex', '-1');
      h.focus({ preventScroll: false });
    }
  }
  focusHeading = false;
}

document.querySelectorAll('.tabs a').forEach((a) =>
  a.addEventListener('click', () => {
    focusHeading = true;
  }),
);
window.addEventListener('hashchange', route);
route();

get('/healthz')
  .then((h) => {
    document.getElementById('store-info').textContent =
      `Store: ${fmt(h.events)} events from ${fmt(h.documents)} documents · schema ${h.schema_version}`;
  })
  .catch(() => {
    document.getElementById('store-info').textContent = 'Store: not reachable';
  });
