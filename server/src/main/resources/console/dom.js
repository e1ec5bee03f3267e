// The console's own DOM helpers; the shared ones (h, replace, field, dialogs, toasts) are /kit/dom.js.
import { h, uniqueId } from '/kit/dom.js';

/** Calls `fn` at most once every `ms`, always ending with a trailing call. */
export function throttle(fn, ms) {
  let last = 0;
  let timer = null;
  const wrapped = () => {
    const wait = last + ms - Date.now();
    if (timer) return;
    if (wait <= 0) {
      last = Date.now();
      fn();
    } else {
      timer = setTimeout(() => {
        timer = null;
        last = Date.now();
        fn();
      }, wait);
    }
  };
  wrapped.cancel = () => {
    clearTimeout(timer);
    timer = null;
  };
  return wrapped;
}

/** A titled card; the heading labels the section. */
export function card(title, ...children) {
  const id = uniqueId('card');
  return h('section', { class: 'card', 'aria-labelledby': id }, h('h2', { id }, title), ...children);
}

/** A definition list from [term, value] pairs; empty values read as a dash. */
export function definitions(pairs) {
  return h(
    'dl',
    { class: 'defs' },
    pairs.map(([k, v]) => h('div', {}, h('dt', {}, k), h('dd', {}, v === '' || v == null ? '—' : v))),
  );
}
