// An actor picker: a text input with an autocomplete list from
// /api/actors?prefix=, following the WAI-ARIA 1.2 combobox pattern
// (arrow keys move through the options, Enter picks, Escape closes).
import { get } from './api.js';
import { el, debounce, fmt } from './util.js';

let serial = 0;

export function actorCombobox(host, { label, placeholder, onChange }) {
  const id = `combo${++serial}`;
  const input = el('input', {
    id,
    type: 'text',
    role: 'combobox',
    autocomplete: 'off',
    spellcheck: 'false',
    'aria-autocomplete': 'list',
    'aria-expanded': 'false',
    'aria-controls': `${id}-list`,
    placeholder,
  });
  const list = el('ul', { id: `${id}-list`, role: 'listbox', class: 'combo-list', 'aria-label': `${label} suggestions`, hidden: true });
  host.append(el('label', { for: id }, label), input, list);

  let options = [];
  let active = -1;
  let committed = '';
  let request = 0;

  function close() {
    list.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    active = -1;
  }

  function setActive(i) {
    active = i;
    [...list.children].forEach((li, j) => li.setAttribute('aria-selected', j === i ? 'true' : 'false'));
    if (i >= 0 && list.children[i]) {
      input.setAttribute('aria-activedescendant', list.children[i].id);
      list.children[i].scrollIntoView({ block: 'nearest' });
    } else input.removeAttribute('aria-activedescendant');
  }

  function commit(code) {
    const v = (code || '').trim().toUpperCase();
    input.value = v;
    close();
    if (v !== committed) {
      committed = v;
      onChange(v);
    }
  }

  function render() {
    list.replaceChildren(
      ...options.map((a, i) =>
        el(
          'li',
          {
            id: `${id}-opt${i}`,
            role: 'option',
            'aria-selected': 'false',
            onmousedown: (e) => e.preventDefault(), // keep focus in the input
            onclick: () => commit(a.code),
          },
          el('span', { class: 'code' }, a.code),
          ' ',
          el('span', { class: 'name' }, a.name || ''),
          el('span', { class: 'count' }, fmt(a.events)),
        ),
      ),
    );
    const open = options.length > 0 && document.activeElement === input;
    list.hidden = !open;
    input.setAttribute('aria-expanded', open ? 'true' : 'false');
    setActive(-1);
  }

  const lookup = debounce(async () => {
    const prefix = input.value.trim();
    const mine = ++request;
    if (!prefix) {
      options = [];
      render();
      return;
    }
    try {
      const res = await get('/api/actors', { prefix, limit: 10 });
      if (mine !== request) return;
      options = res.actors || [];
    } catch (e) {
      options = [];
    }
    render();
  }, 120);

  input.addEventListener('input', lookup);
  input.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      if (list.hidden && options.length) render();
      setActive(Math.min(options.length - 1, active + 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive(Math.max(-1, active - 1));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      commit(active >= 0 && options[active] ? options[active].code : input.value);
    } else if (e.key === 'Escape') {
      if (!list.hidden) {
        e.preventDefault();
        close();
      }
    }
  });
  input.addEventListener('blur', () => setTimeout(close, 100));
  input.addEventListener('change', () => commit(input.value));

  return {
    input,
    set(value) {
      committed = (value || '').toUpperCase();
      input.value = committed;
    },
    get value() {
      return input.value.trim().toUpperCase();
    },
  };
}
