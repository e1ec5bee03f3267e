// The text view: a transparent <textarea> laid exactly over a highlighted <pre> (same font,
// padding and line height), both inside one scroller, so they scroll together without syncing;
// a sticky gutter holds the line numbers.
import { h } from '/kit/dom.js';
import { paintLine } from '/kit/highlight.js';

/**
 * `onInput(text)` runs on every change made by typing. Returns the view's controls:
 * setText, text, highlightLine, focusAt, markLines, setLanguage, element.
 */
export function createTextView({ onInput }) {
  const gutter = h('div', { class: 'tv-gutter', 'aria-hidden': 'true' });
  const pre = h('pre', { class: 'tv-pre', 'aria-hidden': 'true' });
  const input = h('textarea', {
    class: 'tv-input',
    'data-testid': 'text-view',
    'aria-label': 'Configuration text',
    spellcheck: 'false',
    autocomplete: 'off',
    autocapitalize: 'off',
    wrap: 'off',
  });
  const scroller = h('div', { class: 'tv-scroll' }, h('div', { class: 'tv-inner' }, gutter, h('div', { class: 'tv-code' }, pre, input)));
  const caret = h('span', { class: 'tv-caret muted', 'aria-live': 'off', 'data-testid': 'caret' }, 'Ln 1, Col 1');
  const element = h('div', { class: 'tv' }, scroller);

  let lang = 'classic';
  let lines = [];
  let marks = new Map();
  let active = 0;

  function paint(text) {
    const next = text.split('\n');
    for (let i = 0; i < next.length; i++) {
      let row = pre.children[i];
      if (!row) {
        row = h('div', { class: 'tv-line' });
        pre.appendChild(row);
        gutter.appendChild(h('div', { class: 'tv-ln' }, String(i + 1)));
      }
      if (lines[i] !== next[i] || row.dataset.lang !== lang) {
        paintLine(row, next[i], lang);
        row.dataset.lang = lang;
      }
    }
    while (pre.children.length > next.length) {
      pre.lastChild.remove();
      gutter.lastChild.remove();
    }
    lines = next;
    paintMarks();
  }

  function paintMarks() {
    Array.from(gutter.children).forEach((ln, i) => {
      const mark = marks.get(i + 1);
      ln.className = `tv-ln${mark ? ` tv-ln-${mark.severity}` : ''}`;
      if (mark) ln.title = mark.message;
      else ln.removeAttribute('title');
      pre.children[i].classList.toggle('tv-active', i + 1 === active);
    });
  }

  function showCaret() {
    const before = input.value.slice(0, input.selectionStart);
    const line = before.split('\n').length;
    const col = before.length - before.lastIndexOf('\n');
    caret.textContent = `Ln ${line}, Col ${col}`;
  }

  input.addEventListener('input', () => {
    paint(input.value);
    showCaret();
    onInput(input.value);
  });
  for (const type of ['keyup', 'click', 'select']) input.addEventListener(type, showCaret);
  input.addEventListener('keydown', (e) => {
    // keep the indentation of the current line on Enter (execCommand keeps the undo history)
    if (e.key !== 'Enter' || e.shiftKey || e.ctrlKey || e.metaKey || e.altKey || e.isComposing) return;
    const start = input.selectionStart;
    const lineStart = input.value.lastIndexOf('\n', start - 1) + 1;
    const indent = /^[ \t]*/.exec(input.value.slice(lineStart, start))[0];
    if (!indent) return;
    e.preventDefault();
    document.execCommand('insertText', false, `\n${indent}`);
  });

  function offsetOf(line, column = 1) {
    let offset = 0;
    for (let i = 0; i < line - 1 && i < lines.length; i++) offset += lines[i].length + 1;
    return Math.min(offset + Math.max(0, column - 1), input.value.length);
  }

  function scrollToLine(line) {
    const row = pre.children[line - 1];
    if (!row) return;
    const top = row.offsetTop - scroller.clientHeight / 3;
    scroller.scrollTop = Math.max(0, top);
  }

  return {
    element,
    caret,
    /** Shows `text` (a change from elsewhere); keeps the selection when the textarea has focus. */
    setText(text, language) {
      if (language) lang = language;
      if (input.value !== text) {
        const focused = document.activeElement === input;
        const { selectionStart: s, selectionEnd: e } = input;
        input.value = text;
        if (focused) input.setSelectionRange(Math.min(s, text.length), Math.min(e, text.length));
      }
      paint(text);
    },
    text: () => input.value,
    /** Marks finding lines in the gutter: [{line, severity, message}]; the worst per line wins. */
    markLines(findings) {
      const rank = { error: 3, warning: 2, info: 1 };
      marks = new Map();
      for (const f of findings) {
        if (!f.line) continue;
        const old = marks.get(f.line);
        if (!old || (rank[f.severity] || 0) > (rank[old.severity] || 0)) marks.set(f.line, f);
      }
      paintMarks();
    },
    /** Highlights one line and scrolls it into view (0 clears). */
    highlightLine(line) {
      active = line || 0;
      paintMarks();
      if (active) scrollToLine(active);
    },
    /** Puts the caret at a line and column and focuses the text. */
    focusAt(line, column) {
      const at = offsetOf(line, column);
      input.focus({ preventScroll: true });
      input.setSelectionRange(at, at);
      scrollToLine(line);
      showCaret();
    },
    setDisabled(disabled) {
      input.readOnly = disabled;
    },
  };
}
