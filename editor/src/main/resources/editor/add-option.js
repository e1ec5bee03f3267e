// A searchable list to pick from (options of a plugin, plugins of a kind): a filter box and a
// list of buttons showing name, type, default and description.
import { h, uniqueId } from '/kit/dom.js';

const LIMIT = 300;

/**
 * items: [{name, description, type, default}]. onPick(item) gets the item (or, with allowCustom,
 * {name, custom: true} for a name typed that is not in the list). Returns {element, focus}.
 */
export function pickerList({ items, label, onPick, onCancel, allowCustom = false, testid = 'picker', itemTestid = 'picker-item' }) {
  const filterId = uniqueId('pick');
  const filter = h('input', {
    id: filterId,
    type: 'search',
    class: 'pick-filter',
    placeholder: 'Type to filter…',
    autocomplete: 'off',
    spellcheck: 'false',
    'data-testid': `${testid}-filter`,
  });
  const list = h('ul', { class: 'pick-list', 'aria-label': label });
  const status = h('p', { class: 'pick-status muted small', 'aria-live': 'polite' });
  const element = h('div', { class: 'picker', 'data-testid': testid }, h('label', { for: filterId, class: 'pick-label' }, label), filter, status, list);

  function matches(query) {
    const q = query.trim().toLowerCase();
    if (!q) return items;
    const byName = items.filter((i) => i.name.toLowerCase().includes(q));
    const byText = items.filter((i) => !byName.includes(i) && (i.description || '').toLowerCase().includes(q));
    byName.sort((a, b) => Number(!a.name.toLowerCase().startsWith(q)) - Number(!b.name.toLowerCase().startsWith(q)));
    return [...byName, ...byText];
  }

  function item(entry) {
    const meta = [entry.type, entry.default != null && entry.default !== '' ? `default ${entry.default}` : null, entry.required ? 'required' : null]
      .filter(Boolean)
      .join(' · ');
    return h(
      'li',
      {},
      h(
        'button',
        { type: 'button', class: 'pick-item', 'data-testid': itemTestid, 'data-name': entry.name, onclick: () => onPick(entry) },
        h('span', { class: 'pick-name' }, entry.custom ? `Add “${entry.name}” as a new key` : entry.name),
        meta ? h('span', { class: 'pick-meta' }, meta) : null,
        entry.description ? h('span', { class: 'pick-desc' }, entry.description) : null,
      ),
    );
  }

  function render() {
    const query = filter.value.trim();
    const found = matches(query);
    const shown = found.slice(0, LIMIT).map(item);
    if (allowCustom && /^[@\w.-]+$/.test(query) && !items.some((i) => i.name.toLowerCase() === query.toLowerCase())) {
      shown.push(item({ name: query, custom: true }));
    }
    list.replaceChildren(...shown);
    status.textContent = found.length
      ? `${found.length} match${found.length === 1 ? '' : 'es'}${found.length > LIMIT ? ` (first ${LIMIT} shown)` : ''}`
      : 'Nothing matches.';
  }

  const buttons = () => Array.from(list.querySelectorAll('.pick-item'));
  filter.addEventListener('input', render);
  filter.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowDown' && buttons()[0]) {
      e.preventDefault();
      buttons()[0].focus();
    } else if (e.key === 'Enter') {
      e.preventDefault();
      if (buttons()[0]) buttons()[0].click();
    } else if (e.key === 'Escape' && onCancel) {
      e.preventDefault();
      e.stopPropagation();
      onCancel();
    }
  });
  list.addEventListener('keydown', (e) => {
    const all = buttons();
    const at = all.indexOf(document.activeElement);
    if (e.key === 'ArrowDown' && at < all.length - 1) all[at + 1].focus();
    else if (e.key === 'ArrowUp') (at > 0 ? all[at - 1] : filter).focus();
    else if (e.key === 'Escape' && onCancel) {
      e.stopPropagation();
      onCancel();
    } else return;
    e.preventDefault();
  });
  render();
  return { element, focus: () => filter.focus() };
}
