// The agent page's Configuration tab.
import { showRefusal } from '/kit/refusal.js';
import { confirmDialog, field, h, replace, toast } from '/kit/dom.js';
import { codeBlock, language } from '/kit/highlight.js';
import { agentPath, api } from './api.js';
import { diffView } from './diff.js';
import { card, definitions } from './dom.js';
import { agentStatePill, configStatusPill, dateTime, driftPill } from './format.js';

/** The Configuration tab: remote config status, each file (highlighted, or diffed), push form. */
export function configPanel(panel, page) {
  const a = page.agent;
  const effective = (a.effectiveConfig && a.effectiveConfig.files) || {};
  const remote = (a.remoteConfig && a.remoteConfig.files) || {};
  const names = [...new Set([...Object.keys(effective), ...Object.keys(remote)])].sort();
  const s = a.remoteConfigStatus || {};
  panel.append(
    card(
      'Remote config status',
      definitions([
        ['Status', configStatusPill(a)],
        ['Offered hash', a.remoteConfig ? h('span', { class: 'mono' }, a.remoteConfig.hash) : 'No remote config for this agent'],
        ['Reported hash', s.hash ? h('span', { class: 'mono' }, s.hash) : '—'],
        ...(s.errorMessage ? [['Error', h('span', { class: 'health-error' }, s.errorMessage)]] : []),
      ]),
    ),
  );
  panel.append(desiredCard(a), historyCard(page));
  if (!names.length) {
    panel.append(card('Effective config', h('p', { class: 'muted' }, 'The agent has not reported its effective config.')));
  }
  for (const name of names) panel.append(fileCard(name, effective[name], remote[name]));
  if (page.ctx.can('operator')) {
    if (Object.keys(effective).length) panel.append(adoptForm(effective, page));
    panel.append(pushForm(names, effective, page));
  }
}

/** Publishes what the agent runs as a config version ("adopted"), and can make it the desired one. */
function adoptForm(effective, page) {
  const a = page.agent;
  const suggested = String(a.name || 'agent').toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'agent';
  const nameInput = h('input', { type: 'text', value: suggested, required: true, autocomplete: 'off', spellcheck: 'false' });
  const messageInput = h('input', { type: 'text', value: `adopted from ${a.name || a.instanceUid}`, autocomplete: 'off' });
  const assign = h('input', { type: 'checkbox', checked: true });
  const error = h('div', { class: 'form-error', role: 'alert', id: 'adopt-error' });

  async function adopt(force) {
    const name = nameInput.value.trim();
    try {
      const v = await api.post(`/configs/${encodeURIComponent(name)}/versions`, {
        files: effective,
        message: messageInput.value.trim(),
        force,
        source: `adopted:${a.instanceUid}`,
      });
      replace(error);
      if (assign.checked) page.updated(await api.post(`${agentPath(a.instanceUid)}/desired-config`, { config: v.name, version: v.version }));
      toast(`${v.created === false ? 'Already a version' : 'Adopted'}: ${v.name}@${v.version}${assign.checked ? ', now this agent\'s desired version' : ''}.`, 'success');
    } catch (err) {
      showRefusal(error, err, {
        forced: force,
        sentence: 'What the agent runs has lint errors, so it was not adopted.',
        retryLabel: 'Adopt anyway',
        retry: () => adopt(true),
      });
    }
  }
  return h(
    'form',
    {
      class: 'card adopt-form',
      'aria-labelledby': 'adopt-title',
      onsubmit: (e) => {
        e.preventDefault();
        adopt(false);
      },
    },
    h('h2', { id: 'adopt-title' }, 'Adopt as a config version'),
    h('p', { class: 'muted' }, `Publishes the ${Object.keys(effective).length} file(s) this agent reports running as the next version of a config, so it can be rolled out to others.`),
    h('div', { class: 'form-grid' }, field('Config name', nameInput), field('Message', messageInput)),
    h('label', { class: 'check' }, assign, ' Make it this agent\'s desired version'),
    error,
    h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'btn btn-primary' }, 'Adopt')),
  );
}

function fileCard(name, eff, rem) {
  const body = h('div', { class: 'file-body' });
  const lang = language(name, (eff || rem).contentType, (eff || rem).body);
  const modes = [];
  if (eff) modes.push(['effective', 'Effective']);
  if (rem) modes.push(['remote', 'Remote config']);
  if (eff && rem) modes.push(['diff', 'Diff']);
  let mode = eff && rem && eff.body !== rem.body ? 'diff' : modes[0][0];
  const buttons = h('div', { class: 'segmented', role: 'group', 'aria-label': `View of ${name}` });
  const show = () => {
    replace(
      buttons,
      modes.map(([id, title]) =>
        h(
          'button',
          {
            type: 'button',
            class: 'btn btn-small',
            'aria-pressed': String(id === mode),
            onclick: () => {
              mode = id;
              show();
            },
          },
          title,
        ),
      ),
    );
    if (mode === 'diff') replace(body, diffView(eff.body, rem.body, lang, 'effective', 'remote config'));
    else {
      const f = mode === 'remote' ? rem : eff;
      replace(body, codeBlock(f.body, lang, `${name} (${mode})`));
    }
  };
  show();
  const type = (eff || rem).contentType;
  return h(
    'section',
    { class: 'card file' },
    h(
      'div',
      { class: 'file-head' },
      h('h2', {}, h('span', { class: 'mono' }, name), ' ', h('span', { class: 'muted small' }, [type, lang].filter(Boolean).join(' · '))),
      buttons,
    ),
    !eff ? h('p', { class: 'muted' }, 'Offered as remote config; the agent does not report it as effective.') : null,
    body,
  );
}

function pushForm(names, effective, page) {
  const first = names[0] || 'fluent-bit.yaml';
  const nameInput = h('input', { type: 'text', value: first, required: true, autocomplete: 'off' });
  const typeInput = h(
    'select',
    {},
    ['text/yaml', 'text/plain'].map((t) => h('option', { value: t, selected: ((effective[first] || {}).contentType || 'text/yaml') === t }, t)),
  );
  const bodyInput = h('textarea', { rows: '12', spellcheck: 'false', class: 'mono', required: true });
  bodyInput.value = (effective[first] && effective[first].body) || '';
  const error = h('div', { class: 'form-error', role: 'alert', id: 'push-error' });

  /** Sends the file; a 422 lists the lint errors and offers to send it again with force. */
  async function push(force) {
    try {
      const files = { [nameInput.value.trim()]: { body: bodyInput.value, contentType: typeInput.value } };
      const updated = await api.put(`${agentPath(page.uid)}/remote-config`, force ? { files, force: true } : { files });
      replace(error);
      page.clean('config');
      toast(force ? 'Config pushed past its lint errors; waiting for the agent to apply it.' : 'Config pushed; waiting for the agent to apply it.', 'success');
      page.updated(updated);
    } catch (err) {
      showRefusal(error, err, {
        forced: force,
        sentence: 'The config has lint errors, so it was not pushed.',
        retryLabel: 'Push anyway',
        retry: () => push(true),
      });
    }
  }
  return h(
    'form',
    {
      class: 'card push-form',
      'aria-labelledby': 'push-title',
      onsubmit: async (e) => {
        e.preventDefault();
        const ok = await confirmDialog({
          title: `Push ${nameInput.value} to ${page.agent.name}?`,
          message: 'The agent validates and applies it, then reports Applied or Failed.',
          confirmLabel: 'Push config',
        });
        if (!ok) return;
        await push(false);
      },
    },
    h('h2', { id: 'push-title' }, 'Push a config file'),
    h('p', { class: 'muted' }, 'Sets the remote config of this agent only. It replaces any config offered before.'),
    h('div', { class: 'form-grid' }, field('File name', nameInput), field('Content type', typeInput)),
    field('Body', bodyInput),
    error,
    h(
      'div',
      { class: 'form-actions' },
      h(
        'button',
        {
          type: 'button',
          class: 'btn',
          onclick: () => {
            const f = effective[nameInput.value.trim()];
            bodyInput.value = f ? f.body : '';
          },
        },
        'Load effective file',
      ),
      h('button', { type: 'submit', class: 'btn btn-primary' }, 'Push config'),
    ),
  );
}

/** The version the agent should run and how what it runs compares. */
function desiredCard(a) {
  const d = a.desiredConfig;
  const drift = a.drift || {};
  return card(
    'Desired config',
    definitions([
      [
        'Desired version',
        d ? h('a', { href: `#/configs/${encodeURIComponent(d.name)}/versions/${d.version}`, class: 'mono' }, `${d.name}@${d.version}`) : 'None: no rollout or assignment has reached this agent',
      ],
      ...(d ? [['Desired hash', h('span', { class: 'mono' }, d.hash)]] : []),
      ['Drift', driftPill(a)],
      ...(drift.detail ? [['Detail', h('span', { id: 'drift-detail' }, drift.detail)]] : []),
      ...(drift.runningHash ? [['Running hash', h('span', { class: 'mono' }, drift.runningHash)]] : []),
    ]),
  );
}

/** Every version the agent was given, newest first, loaded after the panel shows. */
function historyCard(page) {
  const box = h('div', { id: 'config-history' }, h('p', { class: 'muted' }, 'Loading…'));
  api
    .get(`${agentPath(page.uid)}/history`)
    .then((items) => {
      if (!items.length) {
        replace(box, h('p', { class: 'muted' }, 'No config version was given to this agent yet.'));
        return;
      }
      replace(
        box,
        h(
          'div',
          { class: 'table-wrap' },
          h(
            'table',
            { class: 'grid compact' },
            h('caption', { class: 'sr-only' }, 'Config versions given to this agent'),
            h('thead', {}, h('tr', {}, ['Version', 'When', 'By', 'Rollout', 'Outcome'].map((t) => h('th', { scope: 'col' }, t)))),
            h(
              'tbody',
              {},
              items.map((e) =>
                h(
                  'tr',
                  {},
                  h('td', {}, h('a', { href: `#/configs/${encodeURIComponent(e.config)}/versions/${e.version}`, class: 'mono' }, `${e.config}@${e.version}`)),
                  h('td', { class: 'nowrap' }, dateTime(e.assignedAt)),
                  h('td', {}, e.assignedBy || '—'),
                  h('td', {}, e.rolloutId ? h('a', { href: `#/rollouts/${encodeURIComponent(e.rolloutId)}`, class: 'mono' }, e.rolloutId) : h('span', { class: 'muted' }, 'direct')),
                  h('td', {}, agentStatePill(e.outcome, e.message), e.message ? h('div', { class: 'health-error small' }, e.message) : null),
                ),
              ),
            ),
          ),
        ),
      );
    })
    .catch((e) => replace(box, h('p', { class: 'form-error' }, e.message)));
  return card('Config history', box);
}
