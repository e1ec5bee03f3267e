// A line tokenizer for the config languages: Fluent Bit classic ([SECTION], key value,
// @INCLUDE/@SET), Fluent Bit YAML, and Fluentd (<directive arg> blocks, @type and key value).
// It only colours; it never rejects input.
import { h } from './dom.js';

/** 'classic' | 'yaml' | 'fluentd' | 'text', from a file's name, content type, then content. */
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

/** The language of an editor document format. */
export function languageOf(format) {
  if (format === 'fluent-bit-yaml') return 'yaml';
  if (format === 'fluentd') return 'fluentd';
  return 'classic';
}

/** Tokens for one line: [{t: class or '', v: text}]; 'text' is not coloured. */
export function tokenize(line, lang) {
  if (lang === 'yaml') return yamlLine(line);
  if (lang === 'fluentd') return fluentdLine(line);
  if (lang === 'classic') return classicLine(line);
  return [sp(line)];
}

const sp = (v) => ({ t: '', v });

function classicLine(line) {
  let m = /^(\s*)(#.*)$/.exec(line);
  if (m) return [sp(m[1]), { t: 'tok-comment', v: m[2] }];
  m = /^(\s*)(\[)([^\]]*)(\])(.*)$/.exec(line);
  if (m) {
    return [sp(m[1]), { t: 'tok-punct', v: m[2] }, { t: 'tok-section', v: m[3] }, { t: 'tok-punct', v: m[4] }, ...trailing(m[5])];
  }
  m = /^(\s*)(@[A-Za-z]+)(\s*)(.*)$/.exec(line);
  if (m) return [sp(m[1]), { t: 'tok-directive', v: m[2] }, sp(m[3]), ...value(m[4])];
  m = /^(\s*)(\S+)(\s+)(.*)$/.exec(line);
  if (m) return [sp(m[1]), { t: 'tok-key', v: m[2] }, sp(m[3]), ...value(m[4])];
  m = /^(\s*)(\S+)$/.exec(line);
  if (m) return [sp(m[1]), { t: 'tok-key', v: m[2] }];
  return [sp(line)];
}

function trailing(text) {
  const m = /^(\s*)(#.*)?(.*)$/.exec(text);
  return [sp(m[1]), m[2] ? { t: 'tok-comment', v: m[2] } : null, sp(m[3])].filter(Boolean);
}

function fluentdLine(line) {
  let m = /^(\s*)(#.*)$/.exec(line);
  if (m) return [sp(m[1]), { t: 'tok-comment', v: m[2] }];
  m = /^(\s*)(<\/?)([A-Za-z@][\w@.-]*)([^>]*)(>)(.*)$/.exec(line);
  if (m) {
    return [
      sp(m[1]),
      { t: 'tok-punct', v: m[2] },
      { t: 'tok-section', v: m[3] },
      { t: 'tok-string', v: m[4] },
      { t: 'tok-punct', v: m[5] },
      ...trailing(m[6]),
    ];
  }
  m = /^(\s*)(@\w+)(\s*)(.*)$/.exec(line);
  if (m) return [sp(m[1]), { t: 'tok-directive', v: m[2] }, sp(m[3]), ...value(m[4])];
  return classicLine(line);
}

function yamlLine(line) {
  let m = /^(\s*)(#.*)$/.exec(line);
  if (m) return [sp(m[1]), { t: 'tok-comment', v: m[2] }];
  m = /^(\s*)(---|\.\.\.)\s*$/.exec(line);
  if (m) return [sp(m[1]), { t: 'tok-punct', v: m[2] }];
  m = /^(\s*)((?:- )*)("[^"]*"|'[^']*'|[^\s#:'"-][^:#]*?|-[^\s:#][^:#]*?)(:)(\s+|$)(.*)$/.exec(line);
  if (m) {
    return [
      sp(m[1]),
      { t: 'tok-punct', v: m[2] },
      { t: 'tok-key', v: m[3] },
      { t: 'tok-punct', v: m[4] },
      sp(m[5]),
      ...yamlValue(m[6]),
    ];
  }
  m = /^(\s*)(- )(.*)$/.exec(line);
  if (m) return [sp(m[1]), { t: 'tok-punct', v: m[2] }, ...yamlValue(m[3])];
  return [sp(line)];
}

function yamlValue(text) {
  const m = /^(.*?)(\s+#.*)?$/.exec(text);
  const main = m[1];
  const comment = m[2] ? [{ t: 'tok-comment', v: m[2] }] : [];
  if (/^(\||>)[-+]?$/.test(main)) return [{ t: 'tok-punct', v: main }, ...comment];
  return [...value(main), ...comment];
}

/** A scalar value: strings, numbers (with size and time units), booleans, ${VARIABLES}, #{ruby}. */
function value(text) {
  if (!text) return [];
  if (/^(["']).*\1$/.test(text)) return [{ t: 'tok-string', v: text }];
  if (/^-?\d+(\.\d+)?([kKmMgG][bB]?|[smhd])?$/.test(text)) return [{ t: 'tok-number', v: text }];
  if (/^(true|false|on|off|yes|no|null)$/i.test(text)) return [{ t: 'tok-bool', v: text }];
  const out = [];
  const re = /\$\{[^}]*\}|#\{[^}]*\}/g;
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

/** A line's tokens as DOM nodes (text nodes and spans only). */
export function lineNodes(line, lang) {
  return tokenize(line, lang)
    .filter((tok) => tok.v)
    .map((tok) => (tok.t ? h('span', { class: tok.t }, tok.v) : document.createTextNode(tok.v)));
}

/** Fills `el` with one highlighted line. */
export function paintLine(el, line, lang) {
  el.replaceChildren(...lineNodes(line, lang));
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
