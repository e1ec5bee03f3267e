// What the top bar's buttons do with the whole document: save into the folder, download,
// convert between Fluent Bit's two formats, and a dry run with the real engine.
import { h, replace, toast } from '/kit/dom.js';
import { editorApi } from './api.js';
import { documentPayload, enqueue, flushPending, replaceWith, state } from './buffer.js';
import { downloadText, modal, severityPill } from './dom.js';

/** Whether the document came from the folder and may be written back there. */
export function canSave() {
  return !!(state.info && state.info.canWrite && state.info.folder && state.doc && state.doc.path && String(state.source || '').startsWith('folder:'));
}

/** Save into the folder (stamped by the server); `after()` refreshes the page's chrome. */
export function save(after) {
  if (!canSave()) return download(after);
  flushPending();
  return enqueue(async () => {
    const saved = await editorApi.saveFile(state.doc.path, documentPayload(), state.source, state.hash);
    state.hash = saved.hash;
    replaceWith(saved.view, 'save', { saved: true });
    toast(`Saved ${state.doc.path}.`, 'success');
    after();
  });
}

/** Stamps the text (metadata header) and offers it as a file. */
export function download(after) {
  flushPending();
  return enqueue(async () => {
    const view = await editorApi.stamp(documentPayload(), state.source);
    downloadText(view.name || state.doc.name, view.text);
    if (!canSave()) state.savedText = state.doc.text; // nowhere else to keep it: the download is the copy
    toast(`Downloaded ${view.name || state.doc.name}.`, 'success');
    after();
  });
}

function dirname(path) {
  const at = path.lastIndexOf('/');
  return at < 0 ? '' : path.slice(0, at + 1);
}

/** Converts to `to` (fluent-bit-yaml or fluent-bit-classic); reports what did not carry over. */
export function convert(to, notice, after) {
  flushPending();
  return enqueue(async () => {
    const from = state.doc.name;
    const result = await editorApi.convert(documentPayload(), to);
    const path = state.doc.path ? dirname(state.doc.path) + result.view.name : undefined;
    replaceWith(result.view, 'convert', { path });
    if (path) state.hash = null; // a new file in the folder: nothing on disk to compare with
    showConversion(notice, from, result);
    after();
  });
}

function showConversion(notice, from, result) {
  const report = result.report || [];
  const extra = Object.entries(result.extraFiles || {});
  replace(
    notice,
    h(
      'div',
      { class: 'notice-head' },
      h('strong', {}, `Converted ${from} to ${result.view.name}.`),
      h('button', { type: 'button', class: 'btn btn-small', 'aria-label': 'Dismiss', onclick: () => (notice.hidden = true) }, '✕'),
    ),
    report.length
      ? h(
          'ul',
          { class: 'notice-list', 'data-testid': 'convert-report' },
          report.map((f) => h('li', {}, severityPill(f.severity), ' ', h('code', {}, f.code), ' ', f.message, f.line ? h('span', { class: 'muted' }, ` (line ${f.line})`) : null)),
        )
      : h('p', { class: 'small' }, 'Everything carried over.'),
    extra.length
      ? h(
          'div',
          { class: 'notice-files' },
          h('span', {}, 'The conversion also made: '),
          extra.map(([name, text]) =>
            h('button', { type: 'button', class: 'btn btn-small', 'data-testid': 'extra-file', 'data-name': name, onclick: () => downloadText(name, text) }, `Download ${name}`),
          ),
        )
      : null,
  );
  notice.hidden = false;
}

/** Runs the engine's own check (--dry-run) on the text and shows what it said. */
export function dryRun() {
  flushPending();
  return enqueue(async () => {
    const r = await editorApi.dryRun(documentPayload());
    modal(
      r.ok ? 'Dry run passed' : 'Dry run failed',
      h(
        'div',
        { class: 'dry-run', 'data-testid': 'dry-run-result', 'data-ok': String(!!r.ok) },
        h('p', {}, h('span', { class: `pill ${r.ok ? 'pill-ok' : 'pill-bad'}` }, r.ok ? 'ok' : 'failed'), ` ${r.engine || ''}`, r.exitCode != null ? ` · exit code ${r.exitCode}` : ''),
        r.message ? h('p', {}, r.message) : null,
        r.output ? h('pre', { class: 'code dry-output' }, r.output) : h('p', { class: 'muted' }, 'No output.'),
      ),
      { wide: true, testid: 'dry-run-dialog' },
    );
  });
}
