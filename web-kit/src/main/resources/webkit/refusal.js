// A lint refusal (422) from the server names its findings in the message:
// "…: 2 lint error(s); fix them or publish with force: a; b". Both pages list them.

/** The findings of a lint refusal's message, one per entry; none when it names none. */
export function lintFindings(message) {
  const i = message.indexOf(': ');
  const rest = /force: /.test(message) ? message.slice(message.indexOf('force: ') + 7) : i >= 0 ? message.slice(i + 2) : '';
  return rest
    .split('; ')
    .map((f) => f.trim())
    .filter(Boolean);
}
