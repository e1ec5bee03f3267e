// The catalog page: search and filter the entries, show one read-only (highlighted) or open it in
// the editor when the editor is mounted beside the catalog.
import { SIGNED_OUT, loadSession, query, request, setCsrfToken } from '/kit/api.js';
import { addToastRegions, debounce, h, replace, toast } from '/kit/dom.js';
import { codeBlock, languageOf } from '/kit/highlight.js';
import { logo, showSignIn } from '/kit/signin.js';

const API = '/api/v1/catalog';
const $ = (id) => document.getElementById(id);
const ENGINE_NAMES = { 'fluent-bit': 'Fluent Bit', fluentd: 'Fluentd' };
const LINT_PILLS = { ok: ['pill-ok', 'OK'], warnings: ['pill-warn', 'Warnings'], errors: ['pill-bad', 'Errors'] };
const state = { selected: null, editor: null };

function filters() {
  return { q: $('q').value.trim(), engine: $('engine').value, tag: $('tag').value, lint: $('lint').value };
}

function status(text) {
  $('status').textContent = text;
}

function lintPill(lint) {
  const [cls, label] = LINT_PILLS[lint.state] || ['pill-muted', lint.state];
  const counts = lint.state === 'ok' ? '' : ` ${lint.errors ? lint.errors + 'E' : ''}${lint.warnings ? ' ' + lint.warnings + 'W' : ''}`;
  return h('span', { class: `pill ${cls}`, 'data-testid': 'lint-state' }, label + counts);
}

function changed(c) {
  if (!c) return '';
  const when = new Date(c.time).toLocaleString();
  return c.commit ? `${when} · ${c.commit.slice(0, 8)} · ${c.author}` : when;
}

function tagOptions(tags) {
  const sel = $('tag');
  const keep = sel.value;
  replace(sel, h('option', { value: '' }, 'All tags'), ...tags.map((t) => h('option', { value: t }, t)));
  sel.value = tags.includes(keep) ? keep : '';
}

function sourcesLine(sources, shown, total) {
  const parts = sources.map((s) => {
    const where = s.kind === 'git' ? `${s.location}${s.branch ? ' @ ' + s.branch : ''}${s.revision ? ' (' + s.revision.slice(0, 8) + ')' : ''}` : s.location;
    return `${s.name}: ${where}${s.error ? ' — ' + s.error : ''}`;
  });
  return `${shown} of ${total} entries · ${parts.join(' · ')}`;
}

let loads = 0;
async function load() {
  const mine = ++loads;
  const data = await request('GET', API + query(filters()));
  if (mine !== loads) return; // a later filter's answer wins
  state.editor = data.editor;
  $('console-link').hidden = data.mode !== 'mounted';
  tagOptions(data.tags);
  $('refresh').hidden = !data.canRefresh;
  $('sources').textContent = sourcesLine(data.sources, data.entries.length, data.total);
  $('empty').hidden = data.entries.length > 0;
  replace(
    $('entries'),
    ...data.entries.map((e) =>
      h(
        'tr',
        {
          'data-testid': 'entry',
          'data-id': e.id,
          tabindex: '0',
          'aria-selected': String(e.id === state.selected),
          onclick: () => select(e.id),
          onkeydown: (ev) => {
            if (ev.key === 'Enter') select(e.id);
          },
        },
        h(
          'td',
          {},
          h('span', { class: 'path', 'data-testid': 'entry-path' }, e.path),
          h('span', { class: 'desc' }, [e.description || '', ...e.tags.map((t) => h('span', { class: 'pill pill-info tag' }, t))]),
        ),
        h('td', {}, e.engine ? ENGINE_NAMES[e.engine] || e.engine : '—'),
        h('td', {}, e.configVersion || '—'),
        h('td', {}, lintPill(e.lint)),
        h('td', { class: 'small' }, changed(e.lastChange)),
      ),
    ),
  );
  status('');
}

function row(label, value) {
  return value === null || value === undefined || value === '' ? [] : [h('dt', {}, label), h('dd', {}, value)];
}

async function select(id) {
  state.selected = id;
  history.replaceState(null, '', `#${encodeURIComponent(id)}`);
  for (const tr of document.querySelectorAll('#entries tr')) tr.setAttribute('aria-selected', String(tr.dataset.id === id));
  const data = await request('GET', `${API}/${encodeURIComponent(id)}`);
  const e = data.entry;
  const viewer = $('viewer');
  viewer.hidden = false;
  const meta = Object.entries(e.metadata).filter(([k]) => !['config_version', 'description', 'owner', 'tags'].includes(k));
  replace(
    viewer,
    h('h2', { 'data-testid': 'viewer-path' }, e.path),
    data.editor ? h('div', { class: 'actions' }, h('a', { class: 'btn btn-primary btn-small', href: data.editor, 'data-testid': 'open-editor' }, 'Open in editor')) : [],
    h(
      'dl',
      {},
      row('Source', e.source),
      row('Format', e.format),
      row('Version', e.configVersion),
      row('Description', e.description),
      row('Owner', e.owner),
      row('Tags', e.tags.join(', ')),
      row('Size', `${e.size} bytes (bundle ${e.bundleSize} bytes, ${e.files.length} file${e.files.length === 1 ? '' : 's'})`),
      row('Changed', changed(e.lastChange)),
      row('Commit message', e.lastChange && e.lastChange.message),
      row('Error', e.error),
      meta.flatMap(([k, v]) => row(k, v)),
    ),
    h('div', {}, lintPill(e.lint)),
    e.lint.findings.length
      ? h(
          'ul',
          { class: 'findings', 'data-testid': 'findings' },
          e.lint.findings.map((f) => h('li', {}, `${f.severity}: ${f.file || ''}${f.line ? ':' + f.line : ''} ${f.message} (${f.code})`)),
        )
      : [],
    data.files.map((f) => [
      h('p', { class: 'file-name', 'data-testid': 'file-name' }, f.name),
      codeBlock(f.text, f.name.endsWith('.yaml') || f.name.endsWith('.yml') ? 'yaml' : languageOf(e.format), f.name),
    ]),
  );
}

async function refresh() {
  status('Refreshing…');
  try {
    await request('POST', `${API}/refresh`);
    await load();
    toast('Catalog refreshed', 'success');
  } catch (e) {
    status('');
    toast(e.message, 'error');
  }
}

async function start() {
  addToastRegions();
  replace($('brand-mark'), logo(22));
  let session = await loadSession();
  if (session === null) {
    $('workspace').hidden = true;
    session = await showSignIn($('gate'), '', { title: 'Sign in to the config catalog', hint: 'An API token.' });
    replace($('gate'));
  }
  setCsrfToken(session.csrfToken);
  $('workspace').hidden = false;
  const reload = () => load().catch((e) => toast(e.message, 'error'));
  $('q').addEventListener('input', debounce(reload, 200));
  for (const id of ['engine', 'tag', 'lint']) $(id).addEventListener('change', reload);
  $('refresh').addEventListener('click', refresh);
  window.addEventListener(SIGNED_OUT, () => location.reload());
  await reload();
  // #<id> reopens an entry (a link to it, or a reload)
  const linked = decodeURIComponent(location.hash.slice(1));
  if (linked) select(linked).catch((e) => toast(e.message, 'error'));
}

start();
