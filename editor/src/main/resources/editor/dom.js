// The editor's own DOM helpers; the shared ones (h, replace, field, dialogs, toasts) are /kit/dom.js.
import { h, uniqueId } from '/kit/dom.js';

/**
 * Makes `container`'s children match `items`, reusing the child made earlier for the same key
 * (so a focused control inside it keeps focus and caret). `create(item)` makes a new child;
 * `update(child, item)` refreshes one. Nodes are moved only when out of place.
 */
export function reconcile(container, items, keyOf, create, update) {
  const existing = new Map();
  for (const child of Array.from(container.children)) {
    if (child.dataset.rk === undefined || existing.has(child.dataset.rk)) child.remove();
    else existing.set(child.dataset.rk, child);
  }
  const wanted = new Set();
  items.forEach((item, i) => {
    const key = keyOf(item);
    wanted.add(key);
    let node = existing.get(key);
    if (!node) {
      node = create(item);
      node.dataset.rk = key;
    }
    update(node, item);
    const at = container.children[i];
    if (at !== node) container.insertBefore(node, at || null);
  });
  for (const [key, node] of existing) if (!wanted.has(key)) node.remove();
}

/** A modal dialog around `body`; returns {dialog, close}. Removed from the page once closed. */
export function modal(title, body, { wide = false, testid } = {}) {
  const titleId = uniqueId('dlg');
  const dialog = h(
    'dialog',
    { class: wide ? 'dialog dialog-wide' : 'dialog', 'aria-labelledby': titleId, 'data-testid': testid },
    h(
      'div',
      { class: 'dialog-head' },
      h('h2', { id: titleId }, title),
      h('button', { type: 'button', class: 'btn btn-small', 'aria-label': 'Close', onclick: () => dialog.close() }, '✕'),
    ),
    body,
  );
  dialog.addEventListener('close', () => dialog.remove());
  document.body.appendChild(dialog);
  dialog.showModal();
  return { dialog, close: () => dialog.close() };
}

/** Offers `text` to the browser as a file download. */
export function downloadText(name, text) {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
  const a = h('a', { href: url, download: name, hidden: true });
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

/** A severity pill; the text always says the severity (never colour alone). */
export function severityPill(severity) {
  const tone = severity === 'error' ? 'bad' : severity === 'warning' ? 'warn' : 'info';
  return h('span', { class: `pill pill-${tone}` }, severity);
}

/** "1 error", "2 warnings". */
export function plural(n, word) {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
