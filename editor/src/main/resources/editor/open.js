// Opening a document: upload a file, pick one from the editor's folder, read an agent's
// effective config, start from a template, or start empty. The same panel fills the start page
// and the Open dialog.
import { h, replace, toast, uniqueId } from '/kit/dom.js';
import { editorApi } from './api.js';
import { modal } from './dom.js';

const NEW = [
  { id: 'classic', title: 'Fluent Bit · classic', name: 'fluent-bit.conf', engine: 'fluent-bit', format: 'fluent-bit-classic' },
  { id: 'yaml', title: 'Fluent Bit · YAML', name: 'fluent-bit.yaml', engine: 'fluent-bit', format: 'fluent-bit-yaml' },
  { id: 'fluentd', title: 'Fluentd', name: 'fluent.conf', engine: 'fluentd', format: 'fluentd' },
];

const FORMAT_NAMES = { 'fluent-bit-classic': 'classic', 'fluent-bit-yaml': 'YAML', fluentd: 'Fluentd' };
export const formatName = (format) => FORMAT_NAMES[format] || format || '';

function size(n) {
  if (n == null) return '';
  return n < 1024 ? `${n} B` : n < 1048576 ? `${(n / 1024).toFixed(1)} KiB` : `${(n / 1048576).toFixed(1)} MiB`;
}

/** The tabbed open panel. `open(doc, source)` opens a document and resolves true when it did. */
export function openPanel(info, open) {
  const tabs = [
    ['upload', 'Upload', uploadTab],
    info.folder ? ['folder', `Folder · ${info.folder.name}`, folderTab] : null,
    info.agents ? ['agent', 'Agent', agentTab] : null,
    ['template', 'Template', templateTab],
    ['new', 'New', newTab],
  ].filter(Boolean);
  const panel = h('div', { class: 'open-panel-body', role: 'tabpanel' });
  const list = h('div', { class: 'tabs', role: 'tablist', 'aria-label': 'Where to open from' });
  const buttons = tabs.map(([id, title, build]) => {
    const button = h('button', { type: 'button', role: 'tab', id: uniqueId('tab'), 'data-testid': `open-tab-${id}`, 'aria-selected': 'false' }, title);
    button.addEventListener('click', () => select(button, build));
    button.addEventListener('keydown', (e) => {
      const at = buttons.indexOf(button);
      const to = e.key === 'ArrowRight' ? at + 1 : e.key === 'ArrowLeft' ? at - 1 : null;
      if (to === null) return;
      const next = buttons[(to + buttons.length) % buttons.length];
      next.focus();
      next.click();
    });
    return button;
  });
  function select(button, build) {
    for (const b of buttons) {
      b.setAttribute('aria-selected', String(b === button));
      b.tabIndex = b === button ? 0 : -1;
    }
    panel.setAttribute('aria-labelledby', button.id);
    replace(panel, h('p', { class: 'muted' }, 'Loading…'));
    Promise.resolve(build(open)).then(
      (content) => replace(panel, content),
      (e) => replace(panel, h('p', { class: 'form-error', role: 'alert' }, e.message)),
    );
  }
  list.append(...buttons);
  const first = info.folder ? 1 : 0;
  select(buttons[first], tabs[first][2]);
  return h('div', { class: 'open-panel', 'data-testid': 'open-panel' }, list, panel);
}

/** The Open dialog. */
export function showOpenDialog(info, open) {
  const { close } = modal('Open a configuration', openPanel(info, async (doc, source) => {
    const done = await open(doc, source);
    if (done) close();
    return done;
  }), { wide: true, testid: 'open-dialog' });
  return close;
}

function uploadTab(open) {
  const id = uniqueId('upload');
  const input = h('input', { id, type: 'file', accept: '.conf,.cfg,.yaml,.yml,.txt', 'data-testid': 'upload-input' });
  input.addEventListener('change', async () => {
    const file = input.files && input.files[0];
    if (!file) return;
    if (file.size > 2 * 1024 * 1024) {
      toast('That file is larger than 2 MiB, the most the editor takes.', 'error');
      return;
    }
    await open({ name: file.name, text: await file.text() }, `upload:${file.name}`);
    input.value = '';
  });
  return h(
    'div',
    { class: 'open-tab' },
    h('div', { class: 'field' }, h('label', { for: id }, 'Configuration file'), input),
    h('p', { class: 'hint' }, 'A Fluent Bit .conf or .yaml, or a Fluentd .conf. It is read in the browser and checked by the editor; nothing is stored.'),
  );
}

function choice({ title, meta, description, testid, data, onclick }) {
  return h(
    'li',
    {},
    h(
      'button',
      { type: 'button', class: 'choice', 'data-testid': testid, ...data, onclick },
      h('span', { class: 'choice-title' }, title),
      meta ? h('span', { class: 'choice-meta muted' }, meta) : null,
      description ? h('span', { class: 'choice-desc' }, description) : null,
    ),
  );
}

async function folderTab(open) {
  const { folder, files } = await editorApi.files();
  if (!files.length) return h('p', { class: 'muted' }, `The folder ${folder || ''} has no configuration files.`);
  return h(
    'ul',
    { class: 'choices', 'aria-label': 'Files in the folder' },
    files.map((f) =>
      choice({
        title: f.path,
        meta: [formatName(f.format), size(f.size), f.modified ? new Date(f.modified).toLocaleString() : null].filter(Boolean).join(' · '),
        testid: 'folder-file',
        data: { 'data-path': f.path },
        onclick: async () => {
          const content = await editorApi.file(f.path).catch((e) => toast(e.message, 'error'));
          if (content) {
            const doc = { name: content.name, text: content.text, path: content.path, format: f.format || undefined, hash: content.hash };
            await open(doc, `folder:${content.path}`);
          }
        },
      }),
    ),
  );
}

async function agentTab(open) {
  const { agents } = await editorApi.agents();
  if (!agents.length) return h('p', { class: 'muted' }, 'No agents are known.');
  const box = h('div', { class: 'open-tab' });
  const openFile = (agent, file) => {
    // the agent's other files travel along, so that includes between them resolve
    const files = Object.fromEntries(agent.files.filter((f) => f.name !== file.name).map((f) => [f.name, f.text]));
    return open({ name: file.name, text: file.text, engine: agent.engine || undefined, files }, `agent:${agent.uid}:${file.name}`);
  };
  const pickAgent = async (a) => {
    const config = await editorApi.agentConfig(a.uid).catch((e) => toast(e.message, 'error'));
    if (!config) return;
    if (!config.files.length) return toast(`${a.name || a.uid} reports no configuration.`, 'error');
    if (config.files.length === 1) return openFile(config, config.files[0]);
    replace(
      box,
      h('p', {}, `${config.name || config.uid} has ${config.files.length} files. Which one?`),
      h('ul', { class: 'choices' }, config.files.map((file) =>
        choice({ title: file.name, testid: 'agent-file', data: { 'data-name': file.name }, onclick: () => openFile(config, file) }))),
    );
  };
  replace(
    box,
    h('ul', { class: 'choices', 'aria-label': 'Agents' }, agents.map((a) =>
      choice({
        title: a.name || a.uid,
        meta: [a.engine, a.connected ? 'connected' : 'disconnected', a.files && a.files.length ? a.files.join(', ') : null].filter(Boolean).join(' · '),
        description: a.name ? a.uid : null,
        testid: 'agent',
        data: { 'data-uid': a.uid },
        onclick: () => pickAgent(a),
      }))),
  );
  return box;
}

async function templateTab(open) {
  const { templates } = await editorApi.templates();
  if (!templates.length) return h('p', { class: 'muted' }, 'No templates are available.');
  return h(
    'ul',
    { class: 'choices', 'aria-label': 'Templates' },
    templates.map((t) =>
      choice({
        title: t.title || t.id,
        meta: [t.engine, formatName(t.format)].filter(Boolean).join(' · '),
        description: t.description,
        testid: 'template',
        data: { 'data-id': t.id },
        onclick: async () => {
          const doc = await editorApi.template(t.id).catch((e) => toast(e.message, 'error'));
          if (doc) await open({ name: doc.name, text: doc.text, engine: doc.engine, format: doc.format }, `template:${t.id}`);
        },
      }),
    ),
  );
}

function newTab(open) {
  return h(
    'ul',
    { class: 'choices', 'aria-label': 'Empty documents' },
    NEW.map((n) =>
      choice({
        title: n.title,
        meta: n.name,
        description: 'An empty file; add plugins from the form or type in the text.',
        testid: `new-${n.id}`,
        onclick: () => open({ name: n.name, text: '', engine: n.engine, format: n.format }, 'new'),
      }),
    ),
  );
}
