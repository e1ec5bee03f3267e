// The findings panel: counts in the header, one button per finding (severity, code, message,
// line); picking one shows its field or section and its line.
import { h } from '/kit/dom.js';
import { plural, severityPill } from './dom.js';

const RANK = { error: 0, warning: 1, info: 2 };

/** "2 errors · 1 warning" (or "No problems"). */
export function countsText(counts) {
  const c = counts || {};
  const parts = [];
  if (c.error) parts.push(plural(c.error, 'error'));
  if (c.warning) parts.push(plural(c.warning, 'warning'));
  if (c.info) parts.push(`${c.info} info`);
  return parts.length ? parts.join(' · ') : 'No problems';
}

export function countsOf(findings) {
  const counts = { error: 0, warning: 0, info: 0 };
  for (const f of findings || []) counts[f.severity] = (counts[f.severity] || 0) + 1;
  return counts;
}

/** Fills `panel` with the view's findings; `onPick(finding)` when one is chosen. */
export function renderFindings(panel, view, onPick) {
  const findings = (view.findings || [])
    .map((f, i) => ({ f, i }))
    .sort((a, b) => (RANK[a.f.severity] ?? 3) - (RANK[b.f.severity] ?? 3) || (a.f.line || 0) - (b.f.line || 0) || a.i - b.i)
    .map((x) => x.f);
  const counts = view.counts || countsOf(findings);
  const mainName = view.name;
  panel.replaceChildren(
    h(
      'div',
      { class: 'fnd-head' },
      h('h2', { class: 'panel-title' }, 'Findings'),
      h(
        'span',
        { class: `fnd-counts${counts.error ? ' fnd-bad' : counts.warning ? ' fnd-warn' : ' fnd-ok'}`, 'data-testid': 'finding-counts' },
        countsText(counts),
      ),
    ),
    findings.length
      ? h(
          'ul',
          { class: 'fnd-list', 'data-testid': 'findings' },
          findings.map((f) =>
            h(
              'li',
              {},
              h(
                'button',
                {
                  type: 'button',
                  class: `fnd fnd-${f.severity}`,
                  'data-testid': 'finding',
                  'data-code': f.code,
                  'data-severity': f.severity,
                  'data-path': f.path || '',
                  'data-line': f.line || '',
                  onclick: () => onPick(f),
                },
                severityPill(f.severity),
                h('code', { class: 'fnd-code' }, f.code),
                h('span', { class: 'fnd-msg' }, f.message),
                h(
                  'span',
                  { class: 'fnd-where muted' },
                  f.file && f.file !== mainName ? `${f.file}:` : '',
                  f.line ? `line ${f.line}` : '',
                ),
              ),
            ),
          ),
        )
      : h('p', { class: 'muted fnd-none', 'data-testid': 'findings-empty' }, 'No findings: the configuration passes every check.'),
  );
}
