// A line tokenizer for the three config languages: Fluent Bit classic ([SECTION], key value,
// @INCLUDE/@SET), Fluent Bit YAML, and Fluentd (<directive arg> blocks, @type and key value).
// It only colours; it never rejects input.

/** The highlighter language for a document format. */
export function languageOf(format) {
  if (format === 'fluent-bit-yaml') return 'yaml';
  if (format === 'fluentd') return 'fluentd';
  return 'classic';
}

/** Tokens for one line: [{t: class or '', v: text}]. */
export function tokenize(line, lang) {
  if (lang === 'yaml') return yamlLine(line);
  if (lang === 'fluentd') return fluentdLine(line);
  return classicLine(line);
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

/** A scalar value: strings, numbers, booleans, ${VARIABLES}. */
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

/** Fills `el` with one highlighted line (text nodes and spans only). */
export function paintLine(el, line, lang) {
  el.replaceChildren();
  for (const tok of tokenize(line, lang)) {
    if (!tok.v) continue;
    if (!tok.t) el.appendChild(document.createTextNode(tok.v));
    else {
      const span = document.createElement('span');
      span.className = tok.t;
      span.textContent = tok.v;
      el.appendChild(span);
    }
  }
}
