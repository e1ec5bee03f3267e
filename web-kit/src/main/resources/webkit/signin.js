// Sign-in: an API token is exchanged once for an HttpOnly session cookie.
import { signIn } from './api.js';
import { h, replace } from './dom.js';

/**
 * Shows the sign-in form in `root`; resolves with the session once signed in. `title` and `hint`
 * say what the page signs in to and which token it takes.
 */
export function showSignIn(root, reason, { title = 'Sign in to Flotilla', hint = 'An operator API token.' } = {}) {
  return new Promise((resolve) => {
    const token = h('input', {
      type: 'password',
      id: 'signin-token',
      name: 'token',
      required: true,
      autocomplete: 'off',
      spellcheck: 'false',
      'aria-describedby': 'signin-hint',
    });
    const error = h('p', { class: 'form-error', role: 'alert', id: 'signin-error' }, reason || '');
    const button = h('button', { type: 'submit', class: 'btn btn-primary' }, 'Sign in');
    const form = h(
      'form',
      {
        class: 'signin card',
        'aria-labelledby': 'signin-title',
        'data-testid': 'signin',
        onsubmit: async (e) => {
          e.preventDefault();
          button.disabled = true;
          error.textContent = '';
          try {
            const session = await signIn(token.value.trim());
            token.value = '';
            resolve(session);
          } catch (err) {
            error.textContent = err.status === 401 ? 'That token was not accepted.' : err.message;
            token.select();
          } finally {
            button.disabled = false;
          }
        },
      },
      h('div', { class: 'signin-brand', 'aria-hidden': 'true' }, logo()),
      h('h1', { id: 'signin-title', tabindex: '-1' }, title),
      h('div', { class: 'field' }, h('label', { for: 'signin-token' }, 'API token'), token),
      h('small', { class: 'hint', id: 'signin-hint' }, `${hint} It is exchanged for a session cookie; the page does not keep it.`),
      error,
      button,
    );
    replace(root, h('div', { class: 'signin-wrap' }, form));
    token.focus();
  });
}

/** Flotilla's mark, `size` pixels square, in the palette's brand colours. */
export function logo(size = 28) {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', '0 0 32 32');
  svg.setAttribute('width', String(size));
  svg.setAttribute('height', String(size));
  svg.setAttribute('aria-hidden', 'true');
  const paths = [
    ['M4 21h24l-3.5 6h-17z', 'var(--brand)'],
    ['M15 4v15h-8z', 'var(--brand-soft)'],
    ['M17 7v12h7z', 'var(--brand)'],
  ];
  for (const [d, fill] of paths) {
    const p = document.createElementNS(ns, 'path');
    p.setAttribute('d', d);
    p.setAttribute('fill', fill);
    svg.appendChild(p);
  }
  return svg;
}
