// A lint refusal (422) from the server names its findings in the message:
// "…: 2 lint error(s); fix them or publish with force: a; b". Both pages list them the same way.
import { h, replace } from '/kit/dom.js';

/** The findings of a lint refusal's message, one per entry; none when it names none. */
export function lintFindings(message) {
  const i = message.indexOf(': ');
  const rest = /force: /.test(message) ? message.slice(message.indexOf('force: ') + 7) : i >= 0 ? message.slice(i + 2) : '';
  return rest
    .split('; ')
    .map((f) => f.trim())
    .filter(Boolean);
}

/**
 * Shows in `box` why sending failed. A lint refusal of a send that was not forced says `sentence`,
 * lists the findings and offers a button `retryLabel` that calls `retry()` (the send again, forced);
 * any other failure shows its message.
 */
export function showRefusal(box, err, { forced, sentence, retryLabel, retry, testid }) {
  if (err.status !== 422 || forced) {
    replace(box, err.message);
    return;
  }
  const findings = lintFindings(err.message);
  replace(
    box,
    h('p', {}, sentence),
    findings.length ? h('ul', { class: 'plain lint-errors' }, findings.map((f) => h('li', { class: 'mono small' }, f))) : h('p', {}, err.message),
    h('button', { type: 'button', class: 'btn btn-small btn-danger', 'data-testid': testid, onclick: retry }, retryLabel),
  );
}
