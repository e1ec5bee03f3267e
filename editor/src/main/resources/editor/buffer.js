// The open document and its one line to the server. Requests run one at a time, in order, and
// each reads the document as it is when it starts, so a later edit always builds on an earlier
// one. Every answer is a view that replaces what the page shows.
import { debounce } from '/kit/dom.js';
import { editorApi } from './api.js';

export const state = {
  info: null,
  session: null,
  /** {name, text, engine, version, format, path} */
  doc: null,
  /** where the text came from, for the metadata header: upload:…, folder:…, agent:…, template:…, new */
  source: null,
  /** the last view, and the last one that parsed (the form keeps showing it during a syntax error) */
  view: null,
  formView: null,
  /** the text as last opened, saved or downloaded (for the unsaved-changes guard) */
  savedText: null,
  /** SHA-256 of the folder file as opened or last saved: a save is refused when the file changed since */
  hash: null,
  /** options picked from the list without a default, not yet in the text: segment path → [names] */
  drafts: new Map(),
};

let chain = Promise.resolve();
let busy = 0;
const hooks = { view: () => {}, error: () => {}, busy: () => {} };

/** `view(view, origin)` after every answer; `error(e)` on failures; `busy(bool)`. */
export function configure(handlers) {
  Object.assign(hooks, handlers);
}

/** The document as the API takes it. */
export function documentPayload() {
  const d = state.doc;
  const doc = { name: d.name, text: d.text, engine: d.engine, version: d.version, format: d.format };
  if (d.path) doc.path = d.path;
  if (d.files && Object.keys(d.files).length) doc.files = d.files;
  return doc;
}

export const isDirty = () => !!state.doc && state.doc.text !== state.savedText;

/**
 * Runs `task` after every earlier one; resolves with its result, or undefined when it failed
 * (failures are reported through the error hook, never thrown at the caller).
 */
export function enqueue(task) {
  busy += 1;
  hooks.busy(true);
  const run = chain.then(task).catch((e) => {
    hooks.error(e);
    return undefined;
  });
  chain = run.finally(() => {
    busy -= 1;
    if (!busy) hooks.busy(false);
  });
  return run;
}

function applyView(view, origin) {
  state.view = view;
  if (!view.syntaxError) state.formView = view;
  Object.assign(state.doc, {
    name: view.name || state.doc.name,
    text: view.text,
    engine: view.engine || state.doc.engine,
    version: view.version || state.doc.version,
    format: view.format || state.doc.format,
    path: view.path || state.doc.path,
  });
  hooks.view(view, origin);
}

/**
 * Opens a document: {name, text, engine?, version?, format?, path?}. Resolves true once parsed;
 * false (and the current document kept) when it could not be.
 */
export function load(doc, source) {
  return enqueue(async () => {
    const next = { name: doc.name, text: doc.text, engine: doc.engine, version: doc.version, format: doc.format, path: doc.path, files: doc.files };
    const payload = { name: next.name, text: next.text };
    for (const k of ['engine', 'version', 'format', 'path', 'files']) if (next[k]) payload[k] = next[k];
    const view = await editorApi.parse(payload);
    parseSoon.cancel();
    pendingSets.clear();
    state.doc = next;
    state.source = source;
    state.hash = doc.hash || null;
    state.savedText = view.text;
    state.view = null;
    state.formView = null;
    state.drafts = new Map();
    applyView(view, 'open');
    return true;
  }).then((ok) => !!ok);
}

/** Replaces the whole buffer with a view from elsewhere (conversion, save). */
export function replaceWith(view, origin, { path, source, saved } = {}) {
  if (path !== undefined) state.doc.path = path;
  if (source !== undefined) state.source = source;
  state.doc.name = view.name;
  if (saved) state.savedText = view.text;
  applyView(view, origin);
}

/** Parses the current text now (after any pending request). */
export function parseNow() {
  parseSoon.cancel();
  return enqueue(async () => {
    const sent = state.doc.text;
    const view = await editorApi.parse(documentPayload());
    if (state.doc.text !== sent) return; // typed on since; a newer parse is on its way
    applyView(view, 'text');
  });
}

export const parseSoon = debounce(parseNow, 300);

/** The text view changed: keep the text, parse a moment after typing stops. */
export function textChanged(text) {
  state.doc.text = text;
  parseSoon();
}

/** Applies edits (see the API's edit ops) to the current text. */
export function applyEdits(edits) {
  if (edits.some((e) => e.op !== 'set' && e.op !== 'unset')) state.drafts = new Map();
  return enqueue(async () => {
    const sent = state.doc.text;
    const view = await editorApi.edit(documentPayload(), edits);
    if (state.doc.text !== sent) return parseNow(); // the text was typed into meanwhile; it wins
    applyView(view, 'form');
  });
}

// ---- option values typed into the form: one pending `set` per option, sent 300 ms after the
// last keystroke or at once on change/blur; the value is read from the control when sent.
const pendingSets = new Map();

const setId = (section, key) => `${section}\u0000${key.toLowerCase()}`;

/** Whether a value typed for this option has not been answered yet. */
export const isPending = (section, key) => pendingSets.has(setId(section, key));

export function setOptionSoon(section, key, control) {
  const id = setId(section, key);
  const entry = pendingSets.get(id) || { queued: false, timer: null };
  pendingSets.set(id, entry);
  clearTimeout(entry.timer);
  entry.flush = () => setOptionNow(section, key, control);
  entry.timer = setTimeout(entry.flush, 300);
}

/** Sends every value still waiting for its debounce, and the text if it has not been parsed. */
export function flushPending() {
  for (const entry of Array.from(pendingSets.values())) if (!entry.queued && entry.flush) entry.flush();
}

export function setOptionNow(section, key, control) {
  const id = setId(section, key);
  const entry = pendingSets.get(id) || { queued: false, timer: null };
  clearTimeout(entry.timer);
  if (entry.queued) return;
  if (control.value === control.dataset.synced && !pendingSets.has(id)) return;
  entry.queued = true;
  pendingSets.set(id, entry);
  enqueue(async () => {
    if (pendingSets.get(id) === entry) pendingSets.delete(id); // typing from now on queues anew
    const value = control.value;
    if (value === control.dataset.synced) return;
    const sent = state.doc.text;
    const view = await editorApi.edit(documentPayload(), [{ op: 'set', section, key, value }]);
    control.dataset.synced = value;
    if (state.doc.text !== sent) return parseNow();
    applyView(view, 'form');
  });
}
