// Configs: named configs, their version history, one version's files, two versions side by side.
import { query } from '/kit/api.js';
import { field, h, replace } from '/kit/dom.js';
import { codeBlock, language } from '/kit/highlight.js';
import { api } from './api.js';
import { card, definitions } from './dom.js';
import { sideBySide } from './diff.js';
import { dateTime, number, pill } from './format.js';

const configPath = (name) => `/configs/${encodeURIComponent(name)}`;
const configHash = (name) => `#/configs/${encodeURIComponent(name)}`;

/** `parts` is what follows #/configs: [], [name], [name, 'versions', n] or [name, 'diff']. */
export function mountConfigs(root, ctx, parts, params) {
  const view = {};
  const [name, sub, n] = parts;
  replace(root, h('p', { class: 'muted', role: 'status' }, 'Loading…'));
  const fail = (e) => {
    if (view.closed) return;
    replace(
      root,
      h('h1', { tabindex: '-1' }, name || 'Configs'),
      h('p', { class: 'form-error', role: 'alert' }, e.message),
      h('p', {}, h('a', { href: '#/configs' }, 'Back to configs')),
    );
  };
  const shown = !name ? list(root, view) : sub === 'versions' && n ? version(root, ctx, name, Number(n)) : sub === 'diff' ? compare(root, name, params) : history(root, ctx, name);
  shown.catch(fail);
  view.unmount = () => {
    view.closed = true;
  };
  return view;
}

export function lintPill(lint) {
  if (!lint) return h('span', { class: 'muted' }, '—');
  const findings = (lint.findings || []).join('\n') || undefined;
  if (lint.errors) return pill(`${lint.errors} error${lint.errors === 1 ? '' : 's'}${lint.forced ? ' · forced' : ''}`, 'bad', findings);
  if (lint.warnings) return pill(`${lint.warnings} warning${lint.warnings === 1 ? '' : 's'}`, 'warn', findings);
  return pill('Clean', 'ok');
}

function crumbs(...items) {
  const out = [h('a', { href: '#/configs' }, 'Configs')];
  for (const [text, href] of items) out.push(' › ', href ? h('a', { href }, text) : text);
  return h('nav', { class: 'crumbs', 'aria-label': 'Breadcrumb' }, out);
}

function table(caption, heads, rows, empty) {
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      { class: 'grid' },
      h('caption', { class: 'sr-only' }, caption),
      h('thead', {}, h('tr', {}, heads.map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, rows.length ? rows : h('tr', {}, h('td', { colspan: heads.length, class: 'empty' }, empty))),
    ),
  );
}

async function list(root, view) {
  const configs = await api.get('/configs');
  if (view.closed) return;
  const lintCells = new Map();
  const rows = configs.map((c) => {
    const cell = h('td', { dataset: { col: 'lint' } }, h('span', { class: 'muted' }, '…'));
    lintCells.set(c.name, cell);
    return h(
      'tr',
      { dataset: { config: c.name } },
      h('td', {}, h('a', { href: configHash(c.name), class: 'agent-link' }, c.name), c.implicit ? h('div', { class: 'uid' }, 'direct pushes to one agent') : null),
      h('td', { class: 'mono' }, `v${c.latestVersion}`, ' ', h('span', { class: 'muted', title: c.latestHash }, short(c.latestHash))),
      h('td', {}, number(c.versionCount)),
      cell,
      h('td', { class: 'nowrap' }, dateTime(c.updatedAt)),
    );
  });
  replace(
    root,
    h(
      'div',
      { class: 'page-head' },
      h('h1', { tabindex: '-1' }, 'Configs'),
      h('p', { class: 'muted' }, 'Named configs and their versions. Every version is immutable; rollouts deliver one version to many agents.'),
    ),
    table('Configs', ['Config', 'Latest version', 'Versions', 'Lint', 'Updated'], rows, 'No configs yet. Publish a version with the CLI (flotilla configs publish) or the REST API.'),
  );
  // the lint state lives on each version; fill it in as the latest ones arrive
  await Promise.all(
    configs.slice(0, 100).map(async (c) => {
      try {
        const v = await api.get(`${configPath(c.name)}/versions/${c.latestVersion}`);
        replace(lintCells.get(c.name), lintPill(v.lint));
      } catch {
        replace(lintCells.get(c.name), h('span', { class: 'muted' }, '—'));
      }
    }),
  );
}

async function history(root, ctx, name) {
  const versions = await api.get(`${configPath(name)}/versions`);
  const from = h('select', {}, versions.map((v, i) => h('option', { value: String(v.version), selected: i === 1 }, `v${v.version}`)));
  const to = h('select', {}, versions.map((v, i) => h('option', { value: String(v.version), selected: i === 0 }, `v${v.version}`)));
  const operator = ctx.can('operator');
  const rows = versions.map((v) =>
    h(
      'tr',
      { dataset: { version: String(v.version) } },
      h('td', {}, h('a', { href: `${configHash(name)}/versions/${v.version}`, class: 'agent-link' }, `v${v.version}`)),
      h('td', { class: 'mono', title: v.hash }, short(v.hash)),
      h('td', {}, v.author || '—'),
      h('td', {}, v.message || h('span', { class: 'muted' }, '—')),
      h('td', { class: 'nowrap' }, dateTime(v.createdAt)),
      h('td', { class: 'mono small' }, v.source || '—'),
      h('td', {}, lintPill(v.lint)),
      operator ? h('td', {}, h('a', { class: 'btn btn-small', href: `#/rollouts/new${query({ config: name, version: v.version })}` }, 'Roll out…')) : null,
    ),
  );
  replace(
    root,
    h('div', { class: 'page-head' }, crumbs([name]), h('h1', { tabindex: '-1' }, name), h('p', { class: 'muted' }, `${versions.length} version${versions.length === 1 ? '' : 's'}, newest first.`)),
    versions.length > 1
      ? h(
          'form',
          {
            class: 'filters',
            'aria-label': 'Compare versions',
            onsubmit: (e) => {
              e.preventDefault();
              location.hash = `${configHash(name)}/diff${query({ from: from.value, to: to.value })}`;
            },
          },
          field('From', from),
          field('To', to),
          h('div', { class: 'filter-actions' }, h('button', { type: 'submit', class: 'btn btn-primary' }, 'Compare')),
        )
      : null,
    table(
      `Versions of ${name}`,
      ['Version', 'Hash', 'Author', 'Message', 'Published', 'Source', 'Lint', operator ? 'Actions' : null].filter(Boolean),
      rows,
      'No versions.',
    ),
  );
}

async function version(root, ctx, name, n) {
  const v = await api.get(`${configPath(name)}/versions/${n}`);
  const files = Object.entries(v.files || {}).sort(([a], [b]) => a.localeCompare(b));
  const findings = (v.lint && v.lint.findings) || [];
  replace(
    root,
    h(
      'div',
      { class: 'page-head agent-title' },
      h('div', {}, crumbs([name, configHash(name)], [`v${n}`]), h('h1', { tabindex: '-1' }, `${name} v${n}`), h('p', { class: 'muted' }, v.message || '')),
      h(
        'div',
        { class: 'actions' },
        n > 1 ? h('a', { class: 'btn', href: `${configHash(name)}/diff${query({ from: n - 1, to: n })}` }, `Compare with v${n - 1}`) : null,
        ctx.can('operator') ? h('a', { class: 'btn btn-primary', href: `#/rollouts/new${query({ config: name, version: n })}` }, 'Roll out…') : null,
      ),
    ),
    card(
      'Version',
      definitions([
        ['Hash', h('span', { class: 'mono' }, v.hash)],
        ['Author', v.author],
        ['Published', dateTime(v.createdAt)],
        ['Source', v.source],
        ['Lint', lintPill(v.lint)],
      ]),
      findings.length ? h('ul', { class: 'plain lint-findings' }, findings.map((f) => h('li', { class: 'mono small' }, f))) : null,
    ),
    files.map(([file, f]) => {
      const lang = language(file, f.contentType, f.body);
      return h(
        'section',
        { class: 'card file' },
        h('div', { class: 'file-head' }, h('h2', {}, h('span', { class: 'mono' }, file), ' ', h('span', { class: 'muted small' }, [f.contentType, lang].filter(Boolean).join(' · ')))),
        codeBlock(f.body, lang, file),
      );
    }),
  );
}

async function compare(root, name, params) {
  const versions = await api.get(`${configPath(name)}/versions`);
  const latest = versions.length ? versions[0].version : 1;
  const to = Number(params.get('to')) || latest;
  const from = Number(params.get('from')) || Math.max(1, to - 1);
  const [a, b, diff] = await Promise.all([
    api.get(`${configPath(name)}/versions/${from}`),
    api.get(`${configPath(name)}/versions/${to}`),
    api.get(`${configPath(name)}/diff${query({ from, to })}`),
  ]);
  const pick = (selected) => h('select', {}, versions.map((v) => h('option', { value: String(v.version), selected: v.version === selected }, `v${v.version}`)));
  const fromSelect = pick(from);
  const toSelect = pick(to);
  const go = () => {
    location.hash = `${configHash(name)}/diff${query({ from: fromSelect.value, to: toSelect.value })}`;
  };
  fromSelect.addEventListener('change', go);
  toSelect.addEventListener('change', go);
  const changes = { added: 'info', removed: 'bad', modified: 'warn', unchanged: 'muted' };
  const aName = `v${from}`;
  const bName = `v${to}`;
  replace(
    root,
    h(
      'div',
      { class: 'page-head' },
      crumbs([name, configHash(name)], [`${aName} → ${bName}`]),
      h('h1', { tabindex: '-1' }, `${name}: ${aName} → ${bName}`),
      h('p', { class: 'muted' }, `${a.message || 'no message'} → ${b.message || 'no message'}`),
    ),
    h('form', { class: 'filters compact', 'aria-label': 'Versions to compare', onsubmit: (e) => e.preventDefault() }, field('From', fromSelect), field('To', toSelect)),
    diff.files.length ? null : h('p', { class: 'muted' }, 'Neither version has files.'),
    diff.files.map((f) => {
      const before = (a.files || {})[f.file];
      const after = (b.files || {})[f.file];
      const lang = language(f.file, (after || before).contentType, (after || before).body);
      return h(
        'section',
        { class: 'card file', dataset: { file: f.file } },
        h('div', { class: 'file-head' }, h('h2', {}, h('span', { class: 'mono' }, f.file), ' ', pill(f.change, changes[f.change] || 'muted'))),
        sideBySide(before ? before.body : '', after ? after.body : '', lang, aName, bName),
      );
    }),
  );
}

function short(hash) {
  return hash ? hash.slice(0, 12) : '';
}
