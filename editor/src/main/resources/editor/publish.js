// When the editor is mounted in a server: publish the open document (with the files it pulls in)
// as the next version of a named config, and go on to roll that version out from the console.
import { field, h, replace, toast } from '/kit/dom.js';
import { ROOT, request } from '/kit/api.js';
import { showRefusal } from '/kit/refusal.js';
import { flushPending, state } from './buffer.js';
import { modal } from './dom.js';

/** Whether publishing is on offer: the server mounts the editor and the session may write. */
export function canPublish() {
  const role = state.session && state.session.role;
  return !!(state.info && state.info.mode === 'mounted' && state.doc && role !== 'viewer');
}

/** The bundle as the server's versions take it: the document and every file it includes. */
function bundle() {
  const d = state.doc;
  const type = (name) => (/\.ya?ml$/i.test(name) ? 'application/yaml' : 'text/plain');
  const files = { [d.name]: { body: d.text, contentType: type(d.name) } };
  for (const [name, text] of Object.entries(d.files || {})) files[name] = { body: text, contentType: type(name) };
  return files;
}

/** Where the version comes from: the catalog entry it was opened from (path and commit), else the editor. */
function origin() {
  const from = String(state.source || '');
  return from.startsWith('catalog:') ? from : 'editor';
}

/** A config name suggested by the document: its stamped name, else the file name without extension. */
function suggestedName() {
  const meta = (state.view && state.view.metadata) || {};
  const stamped = meta.config_name || meta.name;
  const base = stamped || state.doc.name.replace(/\.[^.]*$/, '');
  return base.toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'config';
}

/**
 * Opens the publish dialog. With `rollOut`, a published version opens the console's rollout form
 * for it; otherwise a toast names the version and links to it.
 */
export function publishDialog(rollOut) {
  flushPending();
  const name = h('input', { type: 'text', required: true, value: suggestedName(), autocomplete: 'off', spellcheck: 'false', 'data-testid': 'publish-name' });
  const message = h('input', { type: 'text', placeholder: 'What changed', autocomplete: 'off', 'data-testid': 'publish-message' });
  const error = h('div', { class: 'form-error', role: 'alert', 'data-testid': 'publish-error' });
  const files = Object.keys(bundle());
  let dlg;

  async function send(force) {
    const n = name.value.trim();
    try {
      const v = await request('POST', `${ROOT}/configs/${encodeURIComponent(n)}/versions`, { files: bundle(), message: message.value.trim(), force, source: origin() });
      dlg.close();
      const label = `${v.name}@${v.version}`;
      if (rollOut) {
        location.href = `/#/rollouts/new?config=${encodeURIComponent(v.name)}&version=${v.version}`;
        return;
      }
      toast(v.created === false ? `Unchanged: ${label} has the same files.` : `Published ${label}.`, 'success');
    } catch (err) {
      showRefusal(error, err, {
        forced: force,
        sentence: 'The config has lint errors, so it was not published.',
        retryLabel: 'Publish anyway',
        retry: () => send(true),
        testid: 'publish-anyway',
      });
    }
  }

  const form = h(
    'form',
    {
      class: 'publish-form',
      onsubmit: (e) => {
        e.preventDefault();
        replace(error);
        send(false);
      },
    },
    h('p', { class: 'small' }, 'A new, immutable version of the config with ', files.length === 1 ? 'this file' : `these ${files.length} files`, ': ', files.map((f, i) => [i ? ', ' : '', h('code', {}, f)]), '. The server lints it first.'),
    field('Config name', name),
    field('Message', message),
    error,
    h(
      'div',
      { class: 'dialog-actions' },
      h('button', { type: 'button', class: 'btn btn-small', onclick: () => dlg.close() }, 'Cancel'),
      h('button', { type: 'submit', class: 'btn btn-small btn-primary', 'data-testid': 'publish-submit' }, rollOut ? 'Publish and roll out…' : 'Publish'),
    ),
  );
  dlg = modal(rollOut ? 'Roll out this config' : 'Publish as a version', form, { testid: 'publish-dialog' });
  name.focus();
}
