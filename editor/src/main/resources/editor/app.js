// The editor page: session, top bar, and the wiring between the document (buffer.js) and its
// views: the form, the text, the findings and the pipeline.
import { SIGNED_OUT, loadSession, request, setCsrfToken } from '/kit/api.js';
import { addToastRegions, confirmDialog, h, replace, toast } from '/kit/dom.js';
import { languageOf } from '/kit/highlight.js';
import { logo, showSignIn } from '/kit/signin.js';
import { canSave, convert, download, dryRun, save } from './actions.js';
import { canPublish, publishDialog } from './publish.js';
import { showAddPlugin } from './add-plugin.js';
import { editorApi } from './api.js';
import { applyEdits, configure, isDirty, isPending, load, parseNow, setOptionNow, setOptionSoon, state, textChanged } from './buffer.js';
import { countsText, renderFindings } from './findings.js';
import { formatName, openPanel, showOpenDialog } from './open.js';
import { renderPipeline } from './pipeline.js';
import { schemasMatch, useSchemas } from './schemas.js';
import { renderSegments, revealPath, segmentTitle, setAllExpanded } from './segments.js';
import { createTextView } from './textview.js';

const $ = (id) => document.getElementById(id);
const el = {
  gate: $('gate'),
  start: $('start'),
  workspace: $('workspace'),
  segments: $('segments'),
  notice: $('notice'),
  syntax: $('syntax'),
  docInfo: $('doc-info'),
  findings: $('findings'),
  pipeline: $('pipeline'),
  engine: $('engine'),
  version: $('version'),
  status: $('status'),
};
const ENGINE_NAMES = { 'fluent-bit': 'Fluent Bit', fluentd: 'Fluentd' };
/** When mounted in a server: what the sign-in form says. */
const SIGN_IN = { title: 'Sign in to the config editor', hint: 'An API token.' };

const textView = createTextView({
  onInput: (text) => {
    textChanged(text);
    refreshChrome();
  },
});

const formCtx = {
  state,
  setSoon: setOptionSoon,
  setNow: setOptionNow,
  busy: isPending,
  edit: (edits) => applyEdits(edits),
  addInside: (segment) => addPlugin(segment),
  showLine: (line) => {
    if (!line) return;
    textView.highlightLine(line);
    textView.focusAt(line, 1);
  },
  rerender: () => renderForm(),
};

configure({
  view: onView,
  error: (e) => {
    // a focus move waiting for an answer that failed must not fire on some later render
    state.focusMove = null;
    state.focusRequest = null;
    toast(e.message, 'error');
  },
  busy: (busy) => {
    document.body.dataset.busy = String(busy);
    el.status.textContent = busy ? 'Checking…' : state.view ? countsText(state.view.counts) : '';
  },
});

function onView(view, origin) {
  el.gate.hidden = true;
  el.start.hidden = true;
  el.workspace.hidden = false;
  if (origin === 'open' || origin === 'convert') {
    replace(el.segments);
    textView.highlightLine(0);
  }
  if (origin === 'open') el.notice.hidden = true;
  const focus = rememberFocus();
  textView.setText(view.text, languageOf(view.format));
  textView.markLines((view.findings || []).filter((f) => !f.file || f.file === view.name));
  renderSyntax(view);
  renderFindings(el.findings, view, pickFinding);
  $('findings-count').textContent = countsText(view.counts);
  const shown = state.formView || view;
  renderPipeline(el.pipeline, shown, pickNode);
  const edges = new Set(((shown.pipeline && shown.pipeline.edges) || []).map((e) => e.from));
  const unrouted = ((shown.pipeline && shown.pipeline.nodes) || []).filter((n) => (n.kind === 'input' || n.kind === 'source') && !edges.has(n.id)).length;
  $('pipeline-count').textContent = unrouted ? `${unrouted} no route` : '';
  renderDocInfo(shown);
  refreshChrome();
  restoreFocus(focus);
  if (schemasMatch(view.engine, view.version)) renderForm();
  else useSchemas(view.engine, view.version).catch((e) => toast(e.message, 'error')).then(renderForm);
}

function renderForm() {
  const stale = !!(state.view && state.view.syntaxError);
  el.segments.inert = stale;
  el.segments.classList.toggle('segs-stale', stale);
  $('add-plugin').disabled = stale;
  if (!state.formView) return;
  const focus = rememberFocus();
  renderSegments(el.segments, state.formView, formCtx);
  restoreFocus(focus);
}

function rememberFocus() {
  const active = document.activeElement;
  const range = active && typeof active.selectionStart === 'number' ? [active.selectionStart, active.selectionEnd] : null;
  return { active, range };
}

/** Puts focus back only when a render took it away (never over a deliberate move). */
function restoreFocus({ active, range }) {
  if (!active || active === document.body || !active.isConnected) return;
  if (document.activeElement && document.activeElement !== document.body) return;
  active.focus({ preventScroll: true });
  if (range) {
    try {
      active.setSelectionRange(range[0], range[1]);
    } catch {
      // not a text control
    }
  }
}

function renderSyntax(view) {
  const e = view.syntaxError;
  el.syntax.hidden = !e;
  if (!e) return;
  replace(
    el.syntax,
    h('strong', {}, 'The text does not parse'),
    ` (line ${e.line}, column ${e.column}): ${e.message}. The form is read-only until it does. `,
    h('button', { type: 'button', class: 'btn btn-small', onclick: () => textView.focusAt(e.line, e.column) }, 'Show in text'),
  );
}

function renderDocInfo(view) {
  const meta = Object.entries(view.metadata || {});
  const rows = [];
  if (meta.length) rows.push(['Header', meta.map(([k, v]) => `${k} ${v}`).join(' · ')]);
  if ((view.variables || []).length) rows.push(['Variables', view.variables.map((v) => `${v.key} = ${v.value}`).join(' · ')]);
  if ((view.includes || []).length) rows.push(['Includes', view.includes.map((i) => i.pattern).join(' · ')]);
  replace(el.docInfo, rows.length ? h('dl', { class: 'doc-defs' }, rows.map(([k, v]) => h('div', {}, h('dt', {}, k), h('dd', {}, v)))) : null);
}

function pickFinding(f) {
  const here = !f.file || f.file === state.doc.name;
  if (f.path && !state.view.syntaxError && revealPath(el.segments, f.path)) {
    if (here) textView.highlightLine(f.line);
    return;
  }
  if (here && f.line) {
    textView.highlightLine(f.line);
    textView.focusAt(f.line, f.column || 1);
  }
}

function pickNode(node) {
  revealPath(el.segments, node.id);
  const find = (list) => list.reduce((hit, s) => hit || (s.path === node.id ? s : find(s.children || [])), null);
  const segment = find(state.formView.segments || []);
  if (segment && segment.line) textView.highlightLine(segment.line);
}

function addPlugin(parent) {
  const view = state.formView;
  if (!view) return;
  showAddPlugin({
    view,
    kinds: parent ? parent.childKinds || [] : view.kinds || [],
    parent: parent ? parent.path : '',
    where: parent ? segmentTitle(parent) : null,
    onAdd: (edit, kind) => {
      const siblings = parent ? parent.children || [] : view.segments || [];
      state.focusMove = { kind, parent: edit.parent, index: siblings.filter((s) => s.kind === kind).length, button: 'segment-toggle' };
      applyEdits([edit]);
    },
  });
}

async function openDocument(doc, source) {
  if (isDirty()) {
    const discard = await confirmDialog({
      title: 'Discard unsaved changes?',
      message: `${state.doc.name} has changes that were neither saved nor downloaded.`,
      confirmLabel: 'Discard and open',
      danger: true,
    });
    if (!discard) return false;
  }
  return load(doc, source);
}

function refreshChrome() {
  const d = state.doc;
  $('doc-id').hidden = !d;
  $('doc-engine').hidden = !d;
  for (const id of ['download', 'dry-run']) $(id).hidden = !d;
  if (!d) return;
  $('doc-name').textContent = d.path || d.name;
  $('doc-format').textContent = formatName(d.format);
  $('doc-dirty').hidden = !isDirty();
  document.title = `${isDirty() ? '● ' : ''}${d.name} · Config editor`;
  fillSelects();
  $('convert-yaml').hidden = d.format !== 'fluent-bit-classic';
  $('convert-classic').hidden = d.format !== 'fluent-bit-yaml';
  const binary = !!(state.info.dryRun && state.info.dryRun[d.engine]);
  const allowed = state.info.canDryRun !== false;
  const dry = binary && allowed;
  $('dry-run').disabled = !dry;
  $('dry-run').title = dry
    ? `Validate with a dry run of ${ENGINE_NAMES[d.engine] || d.engine} itself`
    : !binary
      ? `Validate with a dry run: no ${ENGINE_NAMES[d.engine] || d.engine} binary is configured for it`
      : 'Validate with a dry run: this needs the operator role';
  $('save').hidden = !canSave();
  $('publish').hidden = !canPublish();
  $('roll-out').hidden = !canPublish();
}

function fillSelects() {
  const engines = state.info.engines || [];
  const want = engines.map((e) => e.engine).join(',');
  if (el.engine.dataset.filled !== want) {
    replace(el.engine, engines.map((e) => h('option', { value: e.engine }, ENGINE_NAMES[e.engine] || e.engine)));
    el.engine.dataset.filled = want;
  }
  el.engine.value = state.doc.engine;
  const engine = engines.find((e) => e.engine === state.doc.engine);
  const versions = engine ? engine.versions : [state.doc.version];
  if (el.version.dataset.filled !== `${state.doc.engine}:${versions.join(',')}`) {
    replace(el.version, versions.map((v) => h('option', { value: v }, v)));
    el.version.dataset.filled = `${state.doc.engine}:${versions.join(',')}`;
  }
  el.version.value = state.doc.version;
}

function wire() {
  const after = () => refreshChrome();
  $('open').addEventListener('click', () => showOpenDialog(state.info, openDocument));
  $('convert-yaml').addEventListener('click', () => convert('fluent-bit-yaml', el.notice, after));
  $('convert-classic').addEventListener('click', () => convert('fluent-bit-classic', el.notice, after));
  $('dry-run').addEventListener('click', () => dryRun());
  $('save').addEventListener('click', () => save(after));
  $('publish').addEventListener('click', () => publishDialog(false));
  $('roll-out').addEventListener('click', () => publishDialog(true));
  $('download').addEventListener('click', () => download(after));
  $('add-plugin').addEventListener('click', () => addPlugin(null));
  $('collapse-all').addEventListener('click', () => setAllExpanded(el.segments, false));
  $('expand-all').addEventListener('click', () => setAllExpanded(el.segments, true));
  el.engine.addEventListener('change', () => {
    const engine = (state.info.engines || []).find((e) => e.engine === el.engine.value);
    const yaml = /\.ya?ml$/i.test(state.doc.name);
    state.doc.engine = el.engine.value;
    state.doc.version = engine ? engine.defaultVersion : undefined;
    state.doc.format = el.engine.value === 'fluentd' ? 'fluentd' : yaml ? 'fluent-bit-yaml' : 'fluent-bit-classic';
    parseNow();
  });
  el.version.addEventListener('change', () => {
    state.doc.version = el.version.value;
    parseNow();
  });
  for (const [tab, panel] of [['tab-findings', el.findings], ['tab-pipeline', el.pipeline]]) {
    $(tab).addEventListener('click', () => {
      for (const [t, p] of [['tab-findings', el.findings], ['tab-pipeline', el.pipeline]]) {
        $(t).setAttribute('aria-selected', String(t === tab));
        $(t).tabIndex = t === tab ? 0 : -1;
        p.hidden = p !== panel;
      }
    });
  }
  $('caret-slot').replaceWith(textView.caret);
  $('text-host').appendChild(textView.element);
  // an open "Move to…" menu closes on a click elsewhere or on Escape
  document.addEventListener('click', (e) => {
    for (const menu of document.querySelectorAll('details.menu[open]')) if (!menu.contains(e.target)) menu.open = false;
  });
  document.addEventListener('keydown', (e) => {
    const menu = e.key === 'Escape' && e.target.closest && e.target.closest('details.menu[open]');
    if (menu) {
      menu.open = false;
      menu.querySelector('summary').focus();
    }
  });
  document.addEventListener('keydown', (e) => {
    if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 's') {
      e.preventDefault();
      if (state.doc) (canSave() ? save : download)(after);
    }
  });
  window.addEventListener('beforeunload', (e) => {
    if (!isDirty()) return;
    e.preventDefault();
    e.returnValue = '';
  });
  window.addEventListener(SIGNED_OUT, async () => {
    if (!el.gate.hidden) return;
    el.gate.hidden = false;
    el.workspace.hidden = true;
    el.start.hidden = true;
    const session = await showSignIn(el.gate, 'Your session has ended. Sign in again; the document is kept.', SIGN_IN);
    setCsrfToken(session.csrfToken);
    el.gate.hidden = true;
    (state.doc ? el.workspace : el.start).hidden = false;
  });
}

async function start() {
  addToastRegions();
  document.querySelector('.brand-mark').replaceWith(logo(26));
  wire();
  try {
    const session = (await loadSession()) || (await showSignIn(el.gate, '', SIGN_IN));
    state.session = session;
    setCsrfToken(session.csrfToken);
    state.info = await editorApi.info();
  } catch (e) {
    replace(el.gate, h('p', { class: 'form-error', role: 'alert' }, `The editor cannot start: ${e.message}`));
    return;
  }
  $('console-link').hidden = state.info.mode !== 'mounted';
  replace($('start-panel'), openPanel(state.info, openDocument));
  el.gate.hidden = true;
  el.start.hidden = false;
  $('start-title').focus();
  const fromCatalog = new URLSearchParams(location.search).get('catalog');
  if (fromCatalog) openFromCatalog(fromCatalog);
}

/** `?catalog=<id>` (the catalog mounted beside the editor): its main file, the rest as includes. */
async function openFromCatalog(id) {
  try {
    const data = await request('GET', `/api/v1/catalog/${encodeURIComponent(id)}`);
    const [main, ...rest] = data.files;
    if (!main) throw new Error(data.entry.error || 'the entry has no readable file');
    const files = Object.fromEntries(rest.map((f) => [f.name, f.text]));
    const e = data.entry;
    await openDocument({ name: main.name, text: main.text, engine: e.engine, format: e.format, files }, `catalog:${e.source}/${e.path}`);
  } catch (e) {
    toast(`Cannot open the catalog entry: ${e.message}`, 'error');
  }
}

start();
