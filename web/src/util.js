// DOM helpers and the facts every view shares (QuadClass names and colours,
// span highlighting).

export function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') node.className = v;
    else if (k === 'text') node.textContent = v;
    else if (k.startsWith('on') && typeof v === 'function') node.addEventListener(k.slice(2), v);
    else if (k === 'dataset') Object.assign(node.dataset, v);
    else node.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat(Infinity)) {
    if (c === undefined || c === null || c === false) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

export const SVG_NS = 'http://www.w3.org/2000/svg';
export function svg(tag, attrs, ...children) {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'text') node.textContent = v;
    else if (k.startsWith('on') && typeof v === 'function') node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, String(v));
  }
  for (const c of children.flat(Infinity)) if (c) node.append(c);
  return node;
}

// QuadClass 1..4 (CAMEO roots 01-05, 06-09, 10-14, 15-20). Okabe-Ito colours,
// distinguishable with the common colour-vision deficiencies.
export const QUADS = [
  { id: 1, name: 'Verbal cooperation', short: 'Verbal coop.', color: '#009E73' },
  { id: 2, name: 'Material cooperation', short: 'Material coop.', color: '#0072B2' },
  { id: 3, name: 'Verbal conflict', short: 'Verbal confl.', color: '#E69F00' },
  { id: 4, name: 'Material conflict', short: 'Material confl.', color: '#D55E00' },
];
export const quadColor = (q) => (QUADS[q - 1] ? QUADS[q - 1].color : '#888');
export const quadName = (q) => (QUADS[q - 1] ? QUADS[q - 1].name : `QuadClass ${q}`);

// Goldstein -10..10 to a diverging colour: conflict vermillion, neutral grey,
// cooperation blue.
export function goldsteinColor(g) {
  const t = Math.max(-1, Math.min(1, (Number(g) || 0) / 10));
  const grey = [150, 150, 150];
  const end = t < 0 ? [213, 94, 0] : [0, 114, 178];
  const a = Math.abs(t);
  const c = grey.map((v, i) => Math.round(v + (end[i] - v) * a));
  return `rgb(${c[0]},${c[1]},${c[2]})`;
}

export function debounce(fn, ms) {
  let t = 0;
  return (...args) => {
    clearTimeout(t);
    t = setTimeout(() => fn(...args), ms);
  };
}

export const fmt = (n) => (n === null || n === undefined ? '' : Number(n).toLocaleString('en-US'));
export const fmt1 = (n) =>
  n === null || n === undefined || Number.isNaN(Number(n)) ? '' : (Math.round(Number(n) * 10) / 10).toFixed(1);

export function actorLabel(a) {
  if (!a) return '—';
  return a.code || a.text || '?';
}

export function errorBox(err) {
  return el('p', { class: 'error', role: 'alert' }, `Could not load: ${err && err.message ? err.message : err}`);
}

// Byte offset inside a UTF-8 string -> UTF-16 index (for API fields given in
// bytes, like char_start of `dyad code --format jsonl`).
const encoder = new TextEncoder();
export function byteToUtf16(text, byteOffset) {
  if (byteOffset <= 0) return 0;
  let bytes = 0;
  let i = 0;
  while (i < text.length && bytes < byteOffset) {
    const cp = text.codePointAt(i);
    bytes += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    i += cp > 0xffff ? 2 : 1;
  }
  return i;
}
export const utf8Length = (s) => encoder.encode(s).length;

// The highlight spans of an event inside its sentence, as
// [{start, end, kind}] in UTF-16 units relative to the sentence. Uses the
// API's "highlights" when given, else derives them from byte offsets
// (char_start/char_end relative to the document) and the verb's text.
export function eventSpans(ev, sentence, sentenceByteStart) {
  if (Array.isArray(ev.highlights) && ev.highlights.length) return ev.highlights;
  const spans = [];
  const base = Number(sentenceByteStart ?? ev.char_start ?? 0);
  for (const kind of ['source', 'target']) {
    const a = ev[kind];
    if (!a) continue;
    const cs = a.char_start ?? a.start;
    const ce = a.char_end ?? a.end;
    if (cs === undefined || ce === undefined) continue;
    const s = byteToUtf16(sentence, cs - base);
    const e = byteToUtf16(sentence, ce - base);
    if (e > s) spans.push({ start: s, end: e, kind });
  }
  const verb = typeof ev.verb === 'string' ? ev.verb : ev.verb && ev.verb.text;
  if (ev.verb && typeof ev.verb === 'object' && ev.verb.start !== undefined) {
    const s = byteToUtf16(sentence, ev.verb.start - base);
    const e = byteToUtf16(sentence, ev.verb.end - base);
    if (e > s) spans.push({ start: s, end: e, kind: 'verb' });
  } else if (verb) {
    const i = sentence.indexOf(verb);
    if (i >= 0) spans.push({ start: i, end: i + verb.length, kind: 'verb' });
  }
  return spans;
}

const KIND_ORDER = ['verb', 'source', 'target'];
const KIND_LABEL = { source: 'source actor', target: 'target actor', verb: 'event verb' };

// Renders `text` with the spans wrapped in <mark class="hl hl-KIND">.
// Overlapping spans are split at every boundary; a piece covered by several
// kinds takes the first of verb, source, target and lists them all.
export function highlight(text, spans) {
  const frag = document.createDocumentFragment();
  const cuts = new Set([0, text.length]);
  const clean = [];
  for (const s of spans || []) {
    const start = Math.max(0, Math.min(text.length, s.start | 0));
    const end = Math.max(0, Math.min(text.length, s.end | 0));
    if (end <= start) continue;
    clean.push({ start, end, kind: s.kind });
    cuts.add(start);
    cuts.add(end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i];
    const b = points[i + 1];
    const piece = text.slice(a, b);
    const kinds = [...new Set(clean.filter((s) => s.start <= a && s.end >= b).map((s) => s.kind))];
    if (!kinds.length) {
      frag.append(piece);
      continue;
    }
    kinds.sort((x, y) => KIND_ORDER.indexOf(x) - KIND_ORDER.indexOf(y));
    frag.append(
      el('mark', { class: `hl hl-${kinds[0]}`, title: kinds.map((k) => KIND_LABEL[k] || k).join(', '), dataset: { kinds: kinds.join(' ') } }, piece),
    );
  }
  return frag;
}

export function legendHighlights() {
  return el(
    'p',
    { class: 'hl-legend' },
    'Highlighted: ',
    el('mark', { class: 'hl hl-source' }, 'source actor'),
    ' ',
    el('mark', { class: 'hl hl-verb' }, 'event verb'),
    ' ',
    el('mark', { class: 'hl hl-target' }, 'target actor'),
  );
}

export function quadLegend() {
  return el(
    'ul',
    { class: 'legend', 'aria-label': 'QuadClass colours' },
    QUADS.map((q) => el('li', {}, el('span', { class: 'swatch', style: `background:${q.color}` }), q.name)),
  );
}
