// Code this article: paste text, POST /api/code (nothing is stored), and see
// the events and the sentences they came from side by side, actor and verb
// spans highlighted. Selecting an event marks its sentence.
import { post } from '../api.js';
import { el, fmt, errorBox, highlight, eventSpans, legendHighlights } from '../util.js';
import { eventBadge } from './events.js';

let lastText = '';
let lastDate = '';

export async function render(root, ctx) {
  const text = el('textarea', { id: 'code-text', rows: 10, spellcheck: 'false', placeholder: 'Paste a news article here…' });
  text.value = lastText;
  const date = el('input', { id: 'code-date', type: 'date', value: lastDate });
  const allSentences = el('input', { id: 'code-all', type: 'checkbox' });
  const button = el('button', { type: 'submit', id: 'code-run' }, 'Code this article');
  const status = el('p', { class: 'status', 'aria-live': 'polite' });
  const out = el('div', { class: 'code-out', id: 'code-out' });
  const form = el(
    'form',
    { class: 'code-form', onsubmit: (e) => { e.preventDefault(); run(); } },
    el('label', { for: 'code-text' }, 'Article text'),
    text,
    el('div', { class: 'toolbar' },
      el('div', { class: 'field' }, el('label', { for: 'code-date' }, 'Article date'), date),
      el('div', { class: 'field check' }, allSentences, el('label', { for: 'code-all' }, 'Show sentences without events')),
      el('div', { class: 'field buttons' }, button, el('span', { class: 'hint' }, 'Ctrl+Enter'))),
  );
  text.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      run();
    }
  });
  root.append(
    el('section', { class: 'view view-code', 'aria-labelledby': 'code-h' },
      el('div', { class: 'view-head' }, el('h2', { id: 'code-h' }, 'Code an article')),
      el('p', { class: 'lead' }, 'The text is coded by the server with the store’s dictionaries and not stored.'),
      form, status, out),
  );

  let result = null;
  allSentences.addEventListener('change', () => result && show(result));

  async function run() {
    lastText = text.value;
    lastDate = date.value;
    if (!text.value.trim()) {
      status.textContent = 'Paste some text first.';
      text.focus();
      return;
    }
    button.disabled = true;
    status.textContent = 'Coding…';
    const t0 = performance.now();
    try {
      const body = { text: text.value, id: 'pasted' };
      if (date.value) body.date = date.value;
      result = await post('/api/code', body, ctx.signal);
      const n = (result.events || []).length;
      status.textContent = `${fmt(n)} event${n === 1 ? '' : 's'} in ${fmt((result.sentences || []).length)} sentences · coded in ${
        result.elapsed_ms !== undefined ? `${Number(result.elapsed_ms).toFixed(1)} ms` : '?'} (round trip ${(performance.now() - t0).toFixed(0)} ms)`;
      show(result);
    } catch (e) {
      if (e.name !== 'AbortError') status.replaceChildren(errorBox(e));
    } finally {
      button.disabled = false;
    }
  }

  function show(res) {
    const events = res.events || [];
    let sentences = res.sentences || [];
    // Sentences of the events, whether or not the server listed them.
    const byIndex = new Map(sentences.map((s) => [s.index, { ...s, events: [...(s.events || [])] }]));
    events.forEach((ev, i) => {
      if (!byIndex.has(ev.sentence_index)) byIndex.set(ev.sentence_index, { index: ev.sentence_index, text: ev.sentence, start: ev.char_start, events: [] });
      const s = byIndex.get(ev.sentence_index);
      if (!s.events.includes(i)) s.events.push(i);
    });
    sentences = [...byIndex.values()].sort((a, b) => a.index - b.index);
    const sentenceSpans = (st) => st.events.flatMap((i) => eventSpans(events[i], st.text || '', st.start));

    const evTable = el('table', { class: 'grid code-events', id: 'code-events' },
      el('caption', { class: 'sr-only' }, 'Coded events'),
      el('thead', {}, el('tr', {}, ['#', 'Date', 'Source', 'Event', 'Target', 'Modality'].map((h) => el('th', { scope: 'col' }, h)))),
      el('tbody', {}, events.map((ev, i) => {
        const tr = el('tr', { tabindex: '0', 'data-code': ev.code, 'data-sentence': ev.sentence_index,
            'aria-label': `Event ${i + 1}: ${(ev.source && ev.source.code) || '?'} ${ev.event_name || ev.code} ${(ev.target && ev.target.code) || ''}. Enter shows its sentence.` },
          el('td', { class: 'num' }, String(i + 1)),
          el('td', { class: 'c-date' }, ev.date || '—'),
          el('td', {}, el('span', { class: 'code' }, ev.source ? ev.source.code : '—')),
          el('td', {}, eventBadge(ev), ' ', ev.event_name || '', el('div', { class: 'sub' }, ev.pattern ? `pattern ${ev.pattern}` : '')),
          el('td', {}, el('span', { class: 'code' }, ev.target ? ev.target.code : '—')),
          el('td', {}, `${ev.modality || ''}${ev.negated ? ', negated' : ''}`));
        // Marks the event's sentence and shows only this event's spans in it
        // (a sentence with several events otherwise shows all their actors).
        const go = () => {
          out.querySelectorAll('.sentence-item.active').forEach((n) => {
            n.classList.remove('active');
            const s = byIndex.get(Number(n.dataset.index));
            if (s) n.querySelector('p.sentence').replaceChildren(highlight(s.text || '', sentenceSpans(s)));
          });
          const target = out.querySelector(`[data-index="${ev.sentence_index}"]`);
          if (target) {
            const s = byIndex.get(ev.sentence_index);
            target.classList.add('active');
            target.querySelector('p.sentence').replaceChildren(highlight(s.text || '', eventSpans(ev, s.text || '', s.start)));
            target.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
          }
        };
        tr.addEventListener('click', go);
        tr.addEventListener('keydown', (e) => {
          if (e.key === 'Enter' || e.key === ' ') {
            e.preventDefault();
            go();
          }
        });
        return tr;
      })));

    const shown = allSentences.checked ? sentences : sentences.filter((s) => s.events.length);
    const list = el('ol', { class: 'sentences', id: 'code-sentences' }, shown.map((s) => {
      const spans = sentenceSpans(s);
      return el('li', { class: `sentence-item${s.events.length ? ' has-events' : ''}`, 'data-index': s.index, value: s.index + 1 },
        el('p', { class: 'sentence' }, highlight(s.text || '', spans)),
        s.events.length ? el('p', { class: 'sub' }, s.events.map((i) => [eventBadge(events[i]), ` ${events[i].source ? events[i].source.code : '?'} → ${events[i].target ? events[i].target.code : '?'} `])) : null);
    }));

    out.replaceChildren(
      el('div', { class: 'col' }, el('h3', {}, 'Events'), events.length ? el('div', { class: 'table-wrap' }, evTable) : el('p', {}, 'No events coded.')),
      el('div', { class: 'col' }, el('h3', {}, 'Sentences'), legendHighlights(), list),
    );
    out.dataset.events = String(events.length);
  }
  if (lastText && ctx.params.run === '1') run();
}
