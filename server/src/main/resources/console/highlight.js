// A small line tokenizer for the config languages agents report: Fluent Bit classic
// ([SECTION] + key value), YAML, and Fluentd (<directive> blocks + key value). It only colours;
// it never rejects input.
import { h } from './dom.js';

/** 'classic' | 'yaml' | 'fluentd' | 'text', from the file name, content type, then content. */
export function language(name = '', contentType = '', body = '') {
  const n = name.toLowerCase();
  const t = (contentType || '').toLowerCase();
  if (n.endsWith('.yaml') || n.endsWith('.yml') || t.includes('yaml')) return 'yaml';
  if (n.includes('fluentd') || n.endsWith('td-agent.conf')) return 'fluentd';
  if (/^\s*<\/?[A-Za-z@][^>]*>\s*$/m.test(body)) return 'fluentd';
  if (/^\s*\[[A-Za-z_. -]+\]\s*$/m.test(body) || /^\s*@(INCLUDE|SET)\b/m.test(body)) return 'classic';
  if (/^\s*[A-Za-z_][\w.-]*:(\s|$)/m.test(body)) return 'yaml';
  return n.endsWith('.conf') ? 'classic' : 'text';
}

/** Tokens for one line: [{t: class or '', v: text}]. */
export function tokenize(line, lang) {
  if (lang === 'yaml') return yamlLine(line);
  if (lang === 'fluentd') return fluentdLine(line);
  if (lang === 'classic') return classicLine(line);
  return [{ t: '', v: line }];
}

function classicLine(line) {
  let m = /^(\s*)(#.*)$/.exec(line);
  if (m) return [{ t: '', v: m[1] }, { t: 'tok-comment', v: m[2] }];
  m = /^(\s*)(\[)([^\]]*)(\])(.*)$/.exec(line);
  if (m) {
    return [
      { t: '', v: m[1] },
      { t: 'tok-punct', v: m[2] },
      { t: 'tok-section', v: m[3] },
      { t: 'tok-punct', v: m[4] },
      { t: '', v: m[5] },
    ];
  }
  m = /^(\s*)(@[A-Za-z]+)(\s*)(.*)$/.exec(line);
  if (m) return [{ t: '', v: m[1] }, { t: 'tok-directive', v: m[2] }, { t: '', v: m[3] }, ...value(m[4])];
  m = /^(\s*)(\S+)(\s+)(.*)$/.exec(line);
  if (m) return [{ t: '', v: m[1] }, { t: 'tok-key', v: m[2] }, { t: '', v: m[3] }, ...value(m[4])];
  m = /^(\s*)(\S+)$/.exec(line);
  if (m) return [{ t: '', v: m[1] }, { t: 'tok-key', v: m[2] }];
  return [{ t: '', v: line }];
}

function fluentdLine(line) {
  let m = /^(\s*)(#.*)$/.exec(line);
  if (m) return [{ t: '', v: m[1] }, { t: 'tok-comment', v: m[2] }];
  m = /^(\s*)(<\/?)([A-Za-z@][\w@.-]*)([^>]*)(>)(.*)$/.exec(line);
  if (m) {
    return [
      { t: '', v: m[1] },
      { t: 'tok-punct', v: m[2] },
      { t: 'tok-section', v: m[3] },
      ...(m[4] ? [{ t: 'tok-string', v: m[4] }] : []),
      { t: 'tok-punct', v: m[5] },
      { t: '', v: m[6] },
    ];
  }
  m = /^(\s*)(@\w+)(\s*)(.*)$/.exec(line);
  if (m) return [{ t: '', v: m[1] }, { t: 'tok-directive', v: m[2] }, { t: '', v: m[3] }, ...value(m[4])];
  return classicLine(line);
}

function yamlLine(line) {
  let m = /^(\s*)(#.*)$/.exec(line);
  if (m) return [{ t: '', v: m[1] }, { t: 'tok-comment', v: m[2] }];
  m = /^(\s*)(---|\.\.\.)\s*$/.exec(line);
  if (m) return [{ t: '', v: m[1] }, { t: 'tok-punct', v: m[2] }];
  m = /^(\s*)(- )?("[^"]*"|'[^']*'|[^\s#:'"][^:#]*?)(:)(\s+|$)(.*)$/.exec(line);
  if (m) {
    return [
      { t: '', v: m[1] },
      ...(m[2] ? [{ t: 'tok-punct', v: m[2] }] : []),
      { t: 'tok-key', v: m[3] },
      { t: 'tok-punct', v: m[4] },
      { t: '', v: m[5] },
      ...yamlValue(m[6]),
    ];
  }
  m = /^(\s*)(- )(.*)$/.exec(line);
  if (m) return [{ t: '', v: m[1] }, { t: 'tok-punct', v: m[2] }, ...yamlValue(m[3])];
  return [{ t: '', v: line }];
}

function yamlValue(text) {
  const m = /^(.*?)(\s+#.*)?$/.exec(text);
  const main = m[1];
  const comment = m[2] ? [{ t: 'tok-comment', v: m[2] }] : [];
  if (/^(\||>)[-+]?$/.test(main)) return [{ t: 'tok-punct', v: main }, ...comment];
  return [...value(main), ...comment];
}

/** A scalar value: strings, numbers, booleans, ${VARIABLES}. */
function value(text) {
  if (!text) return [];
  if (/^(["']).*\1$/.test(text)) return [{ t: 'tok-string', v: text }];
  if (/^-?\d+(\.\d+)?([kKmMgG][bB]?)?$/.test(text)) return [{ t: 'tok-number', v: text }];
  if (/^(true|false|on|off|yes|no|null)$/i.test(text)) return [{ t: 'tok-bool', v: text }];
  const out = [];
  const re = /\$\{[^}]*\}/g;
  let last = 0;
  let m;
  while ((m = re.exec(text))) {
    if (m.index > last) out.push({ t: 'tok-value', v: text.slice(last, m.index) });
    out.push({ t: 'tok-var', v: m[0] });
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push({ t: 'tok-value', v: text.slice(last) });
  return out;
}

/** A line's tokens as DOM nodes. */
export function lineNodes(line, lang) {
  return tokenize(line, lang)
    .filter((tok) => tok.v)
    .map((tok) => (tok.t ? h('span', { class: tok.t }, tok.v) : document.createTextNode(tok.v)));
}

/** A highlighted, line-numbered code block. */
export function codeBlock(body, lang, label) {
  const lines = (body || '').replace(/\n$/, '').split('\n');
  return h(
    'pre',
    { class: 'code', tabindex: '0', 'aria-label': label },
    h(
      'code',
      {},
      lines.map((line, i) =>
        h('span', { class: 'line' }, h('span', { class: 'ln', 'aria-hidden': 'true' }, String(i + 1)), lineNodes(line, lang), '\n'),
      ),
    ),
  );
}
