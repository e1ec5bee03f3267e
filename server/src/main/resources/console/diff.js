// Line diff by longest common subsequence: effective against remote config, one version against another.
import { h } from '/kit/dom.js';
import { lineNodes } from '/kit/highlight.js';

const MAX_CELLS = 4_000_000;

/**
 * Ops turning `a` into `b`: [{op: 'same'|'del'|'add', text, a?, b?}] with 1-based line numbers.
 * Common leading and trailing lines are taken off before the O(n·m) table; null when the rest is
 * still too large to diff in the browser.
 */
export function diffLines(aText, bText) {
  const a = split(aText);
  const b = split(bText);
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const n = endA - start;
  const m = endB - start;
  if (n * m > MAX_CELLS) return null;
  // lcs[i][j] = LCS length of a[start+i..endA) and b[start+j..endB), stored flat
  const w = m + 1;
  const lcs = new Uint32Array((n + 1) * w);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i * w + j] =
        a[start + i] === b[start + j]
          ? lcs[(i + 1) * w + j + 1] + 1
          : Math.max(lcs[(i + 1) * w + j], lcs[i * w + j + 1]);
    }
  }
  const ops = [];
  for (let k = 0; k < start; k++) ops.push({ op: 'same', text: a[k], a: k + 1, b: k + 1 });
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[start + i] === b[start + j]) {
      ops.push({ op: 'same', text: a[start + i], a: start + i + 1, b: start + j + 1 });
      i++;
      j++;
    } else if (i < n && (j === m || lcs[(i + 1) * w + j] >= lcs[i * w + j + 1])) {
      ops.push({ op: 'del', text: a[start + i], a: start + i + 1 });
      i++;
    } else {
      ops.push({ op: 'add', text: b[start + j], b: start + j + 1 });
      j++;
    }
  }
  for (let k = 0; k < a.length - endA; k++) {
    ops.push({ op: 'same', text: a[endA + k], a: endA + k + 1, b: endB + k + 1 });
  }
  return ops;
}

function split(text) {
  if (!text) return [];
  return text.replace(/\n$/, '').split('\n');
}

/** A rendered unified diff; `aName`/`bName` label the two sides. */
export function diffView(aText, bText, lang, aName, bName) {
  const ops = diffLines(aText, bText);
  if (ops === null) return h('p', { class: 'muted' }, 'These files are too large to compare here.');
  const added = ops.filter((o) => o.op === 'add').length;
  const removed = ops.filter((o) => o.op === 'del').length;
  const summary =
    added || removed
      ? `${added} line${added === 1 ? '' : 's'} only in ${bName}, ${removed} only in ${aName}`
      : `No differences: ${aName} and ${bName} are identical.`;
  const marks = { same: ' ', del: '−', add: '+' };
  const names = { same: '', del: `only in ${aName}`, add: `only in ${bName}` };
  return h(
    'div',
    { class: 'diff' },
    h('p', { class: 'diff-summary' }, summary),
    h(
      'pre',
      { class: 'code diff-code', tabindex: '0', 'aria-label': `Differences between ${aName} and ${bName}` },
      h(
        'code',
        {},
        ops.map((o) =>
          h(
            'span',
            { class: `line diff-${o.op}`, title: names[o.op] || undefined },
            h('span', { class: 'ln', 'aria-hidden': 'true' }, o.a ? String(o.a) : ''),
            h('span', { class: 'ln', 'aria-hidden': 'true' }, o.b ? String(o.b) : ''),
            h('span', { class: 'mark' }, h('span', { class: 'sr-only' }, names[o.op] ? `${names[o.op]}: ` : ''), h('span', { 'aria-hidden': 'true' }, marks[o.op])),
            lineNodes(o.text, lang),
            '\n',
          ),
        ),
      ),
    ),
  );
}

/** Two versions side by side: removed lines left, added lines right, changed runs paired. */
export function sideBySide(aText, bText, lang, aName, bName) {
  const ops = diffLines(aText, bText);
  if (ops === null) return h('p', { class: 'muted' }, 'These files are too large to compare here.');
  const rows = [];
  for (let i = 0; i < ops.length; ) {
    if (ops[i].op === 'same') {
      rows.push([ops[i], ops[i]]);
      i++;
      continue;
    }
    const dels = [];
    const adds = [];
    while (i < ops.length && ops[i].op !== 'same') (ops[i].op === 'del' ? dels : adds).push(ops[i++]);
    for (let k = 0; k < Math.max(dels.length, adds.length); k++) rows.push([dels[k] || null, adds[k] || null]);
  }
  const added = ops.filter((o) => o.op === 'add').length;
  const removed = ops.filter((o) => o.op === 'del').length;
  const side = (o, n, kind, name) =>
    o
      ? [
          h('td', { class: `sbs-ln diff-${o.op === 'same' ? 'same' : kind}`, 'aria-hidden': 'true' }, String(o[n])),
          h(
            'td',
            { class: `code-cell diff-${o.op === 'same' ? 'same' : kind}` },
            o.op === 'same' ? null : h('span', { class: 'sr-only' }, `only in ${name}: `),
            lineNodes(o.text, lang),
          ),
        ]
      : [h('td', { class: 'sbs-ln diff-none' }), h('td', { class: 'code-cell diff-none' })];
  return h(
    'div',
    { class: 'diff' },
    h(
      'p',
      { class: 'diff-summary' },
      added || removed ? `${added} line${added === 1 ? '' : 's'} only in ${bName}, ${removed} only in ${aName}` : `No differences: ${aName} and ${bName} are identical.`,
    ),
    h(
      'div',
      { class: 'sbs-wrap', tabindex: '0' },
      h(
        'table',
        { class: 'sbs code', 'aria-label': `${aName} and ${bName} side by side` },
        h('colgroup', {}, h('col', { class: 'sbs-ln' }), h('col', {}), h('col', { class: 'sbs-ln' }), h('col', {})),
        h('thead', {}, h('tr', {}, h('th', { colspan: '2', scope: 'col' }, aName), h('th', { colspan: '2', scope: 'col' }, bName))),
        h('tbody', {}, rows.map(([l, r]) => h('tr', {}, side(l, 'a', 'del', aName), side(r, 'b', 'add', bName)))),
      ),
    ),
  );
}
