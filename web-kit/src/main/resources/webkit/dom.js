// Small DOM helpers. Text from the server is only ever set as text, never parsed as HTML.

/**
 * Creates an element. `props` keys: `class`, `text`, `style` (set through the CSSOM, which the
 * pages' Content-Security-Policy allows where a style attribute is refused), `on<Event>` handlers, `dataset`, any
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
    else if (key === 'style') el.style.cssText = String(value);
    else if (key.startsWith('on') && typeof value === 'function') {
      el.addEventListener(key.slice(2).toLowerCase(), value);
    } else if (PROPS.has(key)) el[key] = value;
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

const PROPS = new Set(['value', 'checked', 'selected', 'disabled', 'hidden', 'open', 'indeterminate', 'readOnly', 'inert']);

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

/**
 * Adds the live regions toasts are announced in. Call once as the page starts: screen readers
 * announce changes only in regions that were already there.
 */
export function addToastRegions() {
  document.body.appendChild(
    h(
      'div',
      { class: 'toasts' },
      h('div', { id: 'notices', role: 'status', 'aria-live': 'polite' }),
      h('div', { id: 'alerts', role: 'alert', 'aria-live': 'assertive' }),
    ),
  );
}

/** Announces a message: success in a polite status region, errors in an alert region. */
export function toast(message, kind = 'info') {
  const region = document.getElementById(kind === 'error' ? 'alerts' : 'notices');
  if (!region) return;
  const item = h('div', { class: `toast toast-${kind}`, 'data-testid': `toast-${kind}` }, message);
  region.appendChild(item);
  setTimeout(() => item.remove(), kind === 'error' ? 8000 : 4000);
}
