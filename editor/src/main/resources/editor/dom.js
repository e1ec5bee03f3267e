// Small DOM helpers. Text from the server is only ever set as text, never parsed as HTML.

/**
 * Creates an element. `props` keys: `class`, `text`, `on<Event>` handlers, `dataset`, any
 * `aria-*`/`data-*`/other attribute (set with setAttribute), and DOM properties named in PROPS.
 * Children may be nodes, strings, numbers, arrays, or null/false (skipped).
 */
export function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') el.className = value;
    else if (key === 'text') el.textContent = value;
    else if (key === 'dataset') Object.assign(el.dataset, value);
    else if (key.startsWith('on') && typeof value === 'function') {
      el.addEventListener(key.slice(2).toLowerCase(), value);
    } else if (PROPS.has(key)) el[key] = value;
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

const PROPS = new Set(['value', 'checked', 'selected', 'disabled', 'hidden', 'open', 'readOnly', 'inert']);

function append(el, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else if (child instanceof Node) el.appendChild(child);
    else el.appendChild(document.createTextNode(String(child)));
  }
}

/** Replaces every child of `el`. */
export function replace(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

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

/** Calls `fn` once `ms` after the last call. */
export function debounce(fn, ms) {
  let timer = null;
  const wrapped = (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
  wrapped.cancel = () => clearTimeout(timer);
  return wrapped;
}

let idCounter = 0;
/** A document-unique id, for label/aria wiring. */
export function uniqueId(prefix = 'f') {
  idCounter += 1;
  return `${prefix}-${idCounter}`;
}

/** A labelled form field: returns the wrapper; the control gets an id and a <label for>. */
export function field(labelText, control, hint) {
  const id = control.id || uniqueId('field');
  control.id = id;
  const hintEl = hint ? h('small', { class: 'hint', id: `${id}-hint` }, hint) : null;
  if (hintEl) control.setAttribute('aria-describedby', hintEl.id);
  return h('div', { class: 'field' }, h('label', { for: id }, labelText), control, hintEl);
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

/**
 * A modal confirmation (native <dialog>). Resolves true when confirmed, false on cancel or Escape.
 */
export function confirmDialog({ title, message, confirmLabel = 'Confirm', danger = false }) {
  return new Promise((resolve) => {
    const titleId = uniqueId('dlg');
    const dialog = h(
      'dialog',
      { class: 'dialog', 'aria-labelledby': titleId, 'data-testid': 'confirm' },
      h(
        'form',
        { method: 'dialog' },
        h('h2', { id: titleId }, title),
        h('p', {}, message),
        h(
          'div',
          { class: 'dialog-actions' },
          h('button', { value: 'cancel', class: 'btn', type: 'submit' }, 'Cancel'),
          h(
            'button',
            { value: 'ok', class: danger ? 'btn btn-danger' : 'btn btn-primary', type: 'submit', 'data-testid': 'confirm-ok' },
            confirmLabel,
          ),
        ),
      ),
    );
    dialog.addEventListener('close', () => {
      resolve(dialog.returnValue === 'ok');
      dialog.remove();
    });
    document.body.appendChild(dialog);
    dialog.showModal();
    dialog.querySelector('.btn-primary, .btn-danger').focus();
  });
}

/** Announces a message: success in a polite status region, errors in an alert region. */
export function toast(message, kind = 'info') {
  const region = document.getElementById(kind === 'error' ? 'alerts' : 'notices');
  if (!region) return;
  const item = h('div', { class: `toast toast-${kind}`, 'data-testid': `toast-${kind}` }, message);
  region.appendChild(item);
  setTimeout(() => item.remove(), kind === 'error' ? 8000 : 4000);
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
