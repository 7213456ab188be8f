// Events: the filtered events, newest first, 50 a page. A row (click, or
// Enter on the focused row; arrow keys move between rows) opens the event's
// reports: each source sentence with the actor and verb spans highlighted,
// the verb pattern that fired and the dictionary entries behind both actors.
import { get } from '../api.js';
import { el, fmt, fmt1, quadColor, quadName, errorBox, highlight, eventSpans, legendHighlights } from '../util.js';

const PAGE = 50;
const CHIPS = { place: 'place', bbox: 'area', q: 'text', code: 'code', root: 'root', quad: 'QuadClass', country: 'country', modality: 'modality' };

function actorCell(a) {
  if (!a) return el('td', { class: 'actor none' }, '—');
  return el('td', { class: 'actor' }, el('span', { class: 'code' }, a.code || '?'), a.name ? el('span', { class: 'sub' }, a.name) : null);
}

export function eventBadge(ev) {
  return el('span', { class: 'badge', style: `--q:${quadColor(ev.quad_class)}`, title: quadName(ev.quad_class) }, ev.code);
}

export async function render(root, ctx) {
  const p = ctx.params;
  const offset = Math.max(0, parseInt(p.offset || '0', 10) || 0);
  const order = p.order === 'oldest' ? 'oldest' : 'newest';

  const search = el('input', { id: 'ev-q', type: 'search', value: p.q || '', placeholder: 'treaty', autocomplete: 'off' });
  const quad = el('select', { id: 'ev-quad' }, el('option', { value: '' }, 'all'),
    [1, 2, 3, 4].map((q) => el('option', { value: q, selected: String(q) === p.quad }, quadName(q))));
  const orderSel = el('select', { id: 'ev-order' }, el('option', { value: 'newest', selected: order === 'newest' }, 'newest first'),
    el('option', { value: 'oldest', selected: order === 'oldest' }, 'oldest first'));
  const form = el(
    'form',
    {
      class: 'toolbar',
      onsubmit: (e) => {
        e.preventDefault();
        ctx.navigate('events', { ...p, q: search.value.trim(), quad: quad.value, order: orderSel.value, offset: '' }, { focus: false });
      },
    },
    el('div', { class: 'field' }, el('label', { for: 'ev-q' }, 'Words in the sentence'), search),
    el('div', { class: 'field' }, el('label', { for: 'ev-quad' }, 'QuadClass'), quad),
    el('div', { class: 'field' }, el('label', { for: 'ev-order' }, 'Order'), orderSel),
    el('div', { class: 'field buttons' }, el('button', { type: 'submit' }, 'Search')),
  );
  quad.addEventListener('change', () => form.requestSubmit());
  orderSel.addEventListener('change', () => form.requestSubmit());

  const chips = Object.keys(CHIPS).filter((k) => p[k] && k !== 'q' && k !== 'quad');
  const status = el('p', { class: 'status', 'aria-live': 'polite' }, 'Loading…');
  const tbody = el('tbody');
  const table = el(
    'table',
    { class: 'grid events', id: 'events-table' },
    el('caption', { class: 'sr-only' }, 'Events; press Enter on a row to read its sources'),
    el('thead', {}, el('tr', {}, ['Date', 'Source', 'Event', 'Target', 'Place', 'Sources', 'Mentions'].map((h, i) =>
      el('th', { scope: 'col', class: ['c-date', 'c-src', 'c-ev', 'c-tgt', 'c-place', 'c-num', 'c-num c-ment'][i] }, h)))),
    tbody,
  );
  const prev = el('button', { type: 'button', disabled: offset === 0 }, '← Previous');
  const next = el('button', { type: 'button', disabled: true }, 'Next →');
  const pageInfo = el('span', { class: 'page-info' });
  const dialog = el('dialog', { id: 'event-dialog', 'aria-labelledby': 'ev-dlg-h' });

  root.append(
    el(
      'section',
      { class: 'view view-events', 'aria-labelledby': 'ev-h' },
      el('div', { class: 'view-head' }, el('h2', { id: 'ev-h' }, 'Events')),
      form,
      chips.length
        ? el('p', { class: 'chips' }, 'Also filtered by ', chips.map((k) =>
            el('button', { type: 'button', class: 'chip', 'aria-label': `Remove ${CHIPS[k]} filter ${p[k]}`,
              onclick: () => ctx.navigate('events', { ...p, [k]: '', offset: '' }, { focus: false }) }, `${CHIPS[k]}: ${p[k]} ✕`)))
        : null,
      status,
      el('div', { class: 'table-wrap' }, table),
      el('nav', { class: 'pager', 'aria-label': 'Pages' }, prev, pageInfo, next),
      dialog,
    ),
  );

  let res;
  try {
    res = await get('/api/events', { ...ctx.filters, order, limit: PAGE, offset }, ctx.signal);
  } catch (e) {
    if (e.name !== 'AbortError') status.replaceChildren(errorBox(e));
    return;
  }
  const events = res.events || [];
  status.textContent = events.length ? '' : 'No events for these filters.';
  pageInfo.textContent = events.length ? `Events ${fmt(offset + 1)}–${fmt(offset + events.length)}` : '';
  next.disabled = res.next_offset === null || res.next_offset === undefined;
  prev.addEventListener('click', () => ctx.navigate('events', { ...p, offset: String(Math.max(0, offset - PAGE)) }));
  next.addEventListener('click', () => ctx.navigate('events', { ...p, offset: String(res.next_offset) }));

  tbody.replaceChildren(
    ...events.map((ev) => {
      const tr = el(
        'tr',
        {
          tabindex: '0',
          'data-id': ev.id,
          'data-code': ev.code,
          'aria-label': `${ev.date || 'undated'}: ${(ev.source && ev.source.code) || 'unknown'} ${ev.event_name || ev.code} ${(ev.target && ev.target.code) || ''}. Enter opens the sources.`,
        },
        el('td', { class: 'c-date' }, ev.date || '—'),
        actorCell(ev.source),
        el('td', { class: 'c-ev' }, eventBadge(ev), ' ', ev.event_name || ''),
        actorCell(ev.target),
        el('td', { class: 'c-place' }, ev.location ? ev.location.name : '—'),
        el('td', { class: 'c-num num' }, fmt(ev.num_sources)),
        el('td', { class: 'c-num c-ment num' }, fmt(ev.num_mentions)),
      );
      tr.addEventListener('click', () => openEvent(ev.id, tr));
      tr.addEventListener('keydown', (e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          openEvent(ev.id, tr);
        } else if (e.key === 'ArrowDown' && tr.nextElementSibling) {
          e.preventDefault();
          tr.nextElementSibling.focus();
        } else if (e.key === 'ArrowUp' && tr.previousElementSibling) {
          e.preventDefault();
          tr.previousElementSibling.focus();
        }
      });
      return tr;
    }),
  );

  async function openEvent(id, row) {
    dialog.replaceChildren(el('p', { class: 'status' }, 'Loading…'));
    if (!dialog.open) dialog.showModal();
    dialog.addEventListener('close', () => row.focus(), { once: true });
    try {
      const ev = await get(`/api/events/${encodeURIComponent(id)}`, {}, ctx.signal);
      dialog.replaceChildren(...eventDetail(ev, () => dialog.close()));
      dialog.querySelector('.close').focus();
    } catch (e) {
      if (e.name === 'AbortError') return;
      dialog.replaceChildren(errorBox(e), el('button', { type: 'button', class: 'close', onclick: () => dialog.close() }, 'Close'));
    }
  }
}

// Dictionary entries are "file:line" (agents after a "+"), with absolute
// paths from the server: show them from data/ on.
export const shortEntry = (e) => String(e || '').replace(/(^|\+)[^+]*?\/(data\/)/g, '$1$2');

function actorLine(label, a) {
  if (!a) return null;
  return el('li', {}, el('strong', {}, `${label}: `), `“${a.text || ''}” → `, el('code', {}, a.code || '?'),
    a.via ? ` (via “${a.via}”)` : '', a.entry ? el('span', { class: 'entry' }, ` ${shortEntry(a.entry)}`) : null);
}

// The event's facts and each report with its sentence highlighted.
export function eventDetail(ev, close) {
  const src = ev.source ? ev.source.code : '—';
  const tgt = ev.target ? ev.target.code : '—';
  const facts = [
    ['Date', `${ev.date || '—'}${ev.date_precision && ev.date_precision !== 'day' ? ` (${ev.date_precision})` : ''}`],
    ['Actors', `${src}${ev.source && ev.source.name ? ` (${ev.source.name})` : ''} → ${tgt}${ev.target && ev.target.name ? ` (${ev.target.name})` : ''}`],
    ['QuadClass', quadName(ev.quad_class)],
    ['Goldstein', fmt1(ev.goldstein)],
    ['Modality', `${ev.modality || 'asserted'}${ev.negated ? ', negated' : ''}`],
    ['Place', ev.location ? `${ev.location.name} (${ev.location.lat}, ${ev.location.lon})` : '—'],
    ['Reports', `${fmt(ev.num_mentions)} mentions, ${fmt(ev.num_sources)} sources, ${fmt(ev.num_articles)} articles`],
    ['GDELT id', ev.global_event_id || '—'],
  ];
  const mentions = ev.mentions || [];
  return [
    el('div', { class: 'dlg-head' },
      el('h2', { id: 'ev-dlg-h' }, eventBadge(ev), ` ${ev.event_name || ''}`),
      el('button', { type: 'button', class: 'close', 'aria-label': 'Close', onclick: close }, '✕')),
    el('dl', { class: 'facts' }, facts.map(([k, v]) => [el('dt', {}, k), el('dd', {}, v)])),
    el('h3', {}, `Why it was coded (${mentions.length} report${mentions.length === 1 ? '' : 's'})`),
    legendHighlights(),
    el('ol', { class: 'mentions' }, mentions.map((m) => {
      const spans = Array.isArray(m.highlights) && m.highlights.length ? m.highlights : eventSpans(m, m.sentence || '', m.sentence_start);
      // Only web links: a stored URL is outside input (no javascript: links).
      const doc = /^https?:\/\//i.test(m.url || '') ? el('a', { href: m.url, target: '_blank', rel: 'noopener noreferrer' }, m.source_name || m.url) : m.source_name || '';
      const docId = m.doc_id && m.doc_id !== m.source_name ? m.doc_id : '';
      const verbText = m.verb && typeof m.verb === 'object' ? m.verb.text : m.verb;
      return el('li', { class: 'mention' },
        el('p', { class: 'meta' }, [doc, docId, `sentence ${Number(m.sentence_index) + 1}`, m.doc_date ? `published ${m.doc_date}` : '']
          .filter(Boolean).flatMap((x, i) => (i ? [' · ', x] : [x]))),
        el('blockquote', { class: 'sentence' }, highlight(m.sentence || '', spans)),
        el('ul', { class: 'why' },
          el('li', {}, el('strong', {}, 'Pattern: '), el('code', { class: 'pattern' }, m.pattern || '—'),
            m.pattern_entry ? el('span', { class: 'entry' }, ` ${shortEntry(m.pattern_entry)}`) : null,
            verbText ? ` (verb “${verbText}”)` : '', m.code && m.code !== ev.code ? ` coded ${m.code}` : ''),
          actorLine('Source', m.source),
          actorLine('Target', m.target)));
    })),
  ];
}
