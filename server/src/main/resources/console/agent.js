// Agent page: what one agent reports, what it runs, its history, and what an operator can do.
import { agentPath, api, loadCustomCapabilities, query } from './api.js';
import { confirmDialog, field, h, replace, throttle, toast, uniqueId } from './dom.js';
import { diffView } from './diff.js';
import {
  agentType,
  agentVersion,
  approvalPill,
  configStatusPill,
  dateTime,
  fromNanos,
  healthPill,
  labelChips,
  lastSeenPill,
  pill,
} from './format.js';
import { codeBlock, language } from './highlight.js';

const TABS = [
  ['overview', 'Overview'],
  ['health', 'Health'],
  ['config', 'Configuration'],
  ['commands', 'Commands'],
  ['timeline', 'Timeline'],
];

export function mountAgent(root, ctx, uid, params) {
  const view = {};
  let agent = null;
  let tab = TABS.some(([id]) => id === params.get('tab')) ? params.get('tab') : 'overview';
  let declared = [];
  let events = [];
  let nextBefore = null;
  let commands = [];
  const panels = {};
  const dirty = new Set();

  const head = h('header', { class: 'agent-head' });
  const tablist = h('div', { class: 'tabs', role: 'tablist', 'aria-label': 'Agent sections' });
  const panelBox = h('div', { class: 'panels' });
  replace(root, h('p', { class: 'muted', role: 'status' }, 'Loading agent…'));

  // ---- loading
  async function load() {
    try {
      const [a, caps] = await Promise.all([api.get(agentPath(uid)), loadCustomCapabilities().catch(() => [])]);
      if (view.closed) return;
      agent = a;
      declared = caps;
      replace(root, head, tablist, panelBox);
      renderHead();
      renderTabs();
      renderPanel(true);
      loadEvents();
      loadCommands();
    } catch (e) {
      if (view.closed) return;
      replace(
        root,
        h('h1', { tabindex: '-1' }, 'Agent'),
        h('p', { class: 'form-error', role: 'alert' }, e.status === 404 ? `No agent ${uid}: it may have been forgotten or got a new instance UID.` : e.message),
        h('p', {}, h('a', { href: '#/agents' }, 'Back to the fleet')),
      );
    }
  }

  async function loadEvents(older = false) {
    try {
      const page = await api.get(`${agentPath(uid)}/events${query({ before: older ? nextBefore : '', limit: 50 })}`);
      events = older ? events.concat(page.items) : page.items;
      nextBefore = page.nextBefore;
      if (tab === 'timeline') renderPanel(true);
    } catch (e) {
      toast(`Loading the timeline failed: ${e.message}`, 'error');
    }
  }

  async function loadCommands() {
    try {
      const data = await api.get(`${agentPath(uid)}/commands`);
      commands = Array.isArray(data) ? data : (data && data.items) || [];
      const box = root.querySelector('#command-history');
      if (box) replace(box, commandHistory());
    } catch {
      // the history is a convenience; the command itself reports its own errors
    }
  }
  const refreshCommands = throttle(loadCommands, 1000);

  // ---- header and actions
  function renderHead() {
    const a = agent;
    replace(
      head,
      h('nav', { class: 'crumbs', 'aria-label': 'Breadcrumb' }, h('a', { href: '#/agents' }, 'Fleet'), ' › ', a.name),
      h(
        'div',
        { class: 'agent-title' },
        h(
          'div',
          {},
          h('h1', { tabindex: '-1' }, a.name),
          h(
            'p',
            { class: 'muted' },
            `${agentType(a)} ${agentVersion(a)}`,
            ' · ',
            h('span', { class: 'mono', title: 'Instance UID' }, a.instanceUid),
          ),
        ),
        actions(),
      ),
      h(
        'dl',
        { class: 'status-strip' },
        h('div', {}, h('dt', {}, 'Connection'), h('dd', {}, lastSeenPill(a, ctx.settings()))),
        h('div', {}, h('dt', {}, 'Health'), h('dd', {}, healthPill(a))),
        h('div', {}, h('dt', {}, 'Remote config'), h('dd', {}, configStatusPill(a))),
        h('div', {}, h('dt', {}, 'Approval'), h('dd', {}, approvalPill(a))),
      ),
    );
  }

  function actions() {
    const a = agent;
    const bar = h('div', { class: 'actions', role: 'group', 'aria-label': 'Agent actions' });
    if (ctx.can('operator')) {
      const restartable = (a.capabilities || []).includes('AcceptsRestartCommand');
      bar.append(
        h(
          'button',
          {
            type: 'button',
            class: 'btn btn-primary',
            disabled: !restartable,
            title: restartable ? 'Ask the agent to restart' : 'This agent does not accept restart commands',
            onclick: restart,
          },
          'Restart',
        ),
      );
      if (a.approval !== 'approved') {
        bar.append(h('button', { type: 'button', class: 'btn', onclick: () => decide('approve') }, 'Approve'));
      }
      if (a.approval !== 'blocked') {
        bar.append(h('button', { type: 'button', class: 'btn', onclick: () => decide('block') }, 'Block'));
      }
      bar.append(h('button', { type: 'button', class: 'btn', onclick: newUid }, 'New instance UID'));
    }
    if (ctx.can('admin')) {
      bar.append(h('button', { type: 'button', class: 'btn btn-danger', onclick: forget }, 'Forget'));
    }
    return bar;
  }

  async function restart() {
    const ok = await confirmDialog({
      title: `Restart ${agent.name}?`,
      message: 'The agent restarts its Fluent Bit or Fluentd process. Data in flight may be delayed.',
      confirmLabel: 'Restart',
    });
    if (!ok) return;
    await act(() => api.post(`${agentPath(uid)}/commands`, { type: 'restart' }), 'Restart command sent.');
    refreshCommands();
  }

  async function decide(what) {
    if (what === 'block') {
      const ok = await confirmDialog({
        title: `Block ${agent.name}?`,
        message: 'A blocked agent is refused on both transports until it is approved again.',
        confirmLabel: 'Block',
        danger: true,
      });
      if (!ok) return;
    }
    const updated = await act(() => api.post(`${agentPath(uid)}/${what}`), what === 'block' ? 'Agent blocked.' : 'Agent approved.');
    if (updated && updated.instanceUid) view.onAgent(updated);
  }

  async function newUid() {
    const ok = await confirmDialog({
      title: `Issue a new instance UID to ${agent.name}?`,
      message: 'Use this when two agents share one UID (for example a cloned machine). The agent takes the new UID on its next message.',
      confirmLabel: 'Issue new UID',
    });
    if (!ok) return;
    const result = await act(() => api.post(`${agentPath(uid)}/new-instance-uid`), null);
    if (result && result.newInstanceUid) {
      toast(`New instance UID ${result.newInstanceUid} issued.`);
      location.hash = `#/agents/${encodeURIComponent(result.newInstanceUid)}`;
    }
  }

  async function forget() {
    const ok = await confirmDialog({
      title: `Forget ${agent.name}?`,
      message: 'Its state and history are deleted. If it connects again it comes back as a new agent.',
      confirmLabel: 'Forget',
      danger: true,
    });
    if (!ok) return;
    const done = await act(() => api.del(agentPath(uid)).then(() => true), 'Agent forgotten.');
    if (done) location.hash = '#/agents';
  }

  async function act(call, message) {
    try {
      const result = await call();
      if (message) toast(message, 'success');
      return result === null ? true : result;
    } catch (e) {
      toast(e.message, 'error');
      return null;
    }
  }

  // ---- tabs
  function renderTabs() {
    replace(
      tablist,
      TABS.map(([id, title]) =>
        h(
          'button',
          {
            type: 'button',
            role: 'tab',
            id: `tab-${id}`,
            'aria-controls': `panel-${id}`,
            'aria-selected': String(id === tab),
            tabindex: id === tab ? '0' : '-1',
            onclick: () => select(id),
            onkeydown: (e) => {
              const i = TABS.findIndex(([t]) => t === id);
              let next = null;
              if (e.key === 'ArrowRight') next = TABS[(i + 1) % TABS.length][0];
              if (e.key === 'ArrowLeft') next = TABS[(i + TABS.length - 1) % TABS.length][0];
              if (e.key === 'Home') next = TABS[0][0];
              if (e.key === 'End') next = TABS[TABS.length - 1][0];
              if (next) {
                e.preventDefault();
                select(next);
                tablist.querySelector(`#tab-${next}`).focus();
              }
            },
          },
          title,
        ),
      ),
    );
  }

  function select(id) {
    tab = id;
    history.replaceState(null, '', `#/agents/${encodeURIComponent(uid)}${id === 'overview' ? '' : `?tab=${id}`}`);
    renderTabs();
    renderPanel(true);
  }

  function renderPanel(force) {
    const panel = h('section', { role: 'tabpanel', id: `panel-${tab}`, 'aria-labelledby': `tab-${tab}`, class: 'panel' });
    if (!force && (dirty.has(tab) || panelBox.contains(document.activeElement))) {
      return; // do not throw away what the operator is typing
    }
    dirty.delete(tab);
    panel.addEventListener('input', () => dirty.add(tab));
    const render = { overview, health, config, commands: commandsPanel, timeline }[tab];
    render(panel);
    panels[tab] = panel;
    replace(panelBox, panel);
  }

  // ---- overview
  function overview(panel) {
    const a = agent;
    const d = a.description || {};
    const c = a.connection;
    panel.append(
      h(
        'div',
        { class: 'cards' },
        card('Identifying attributes', attributes(d.identifying)),
        card('Non-identifying attributes', attributes(d.nonIdentifying)),
        card(
          'Connection',
          definitions([
            ['Transport', c ? (c.transport === 'websocket' ? 'WebSocket' : 'HTTP') : '—'],
            ['Remote address', c ? c.remoteAddress : '—'],
            ['Connected since', c && c.connected ? dateTime(c.connectedSince) : '—'],
            ['Last seen', c ? dateTime(c.lastSeen) : '—'],
            ['First seen', dateTime(a.firstSeen)],
            ['Sequence number', String(a.sequenceNum)],
          ]),
        ),
        card(
          'Capabilities',
          h('ul', { class: 'tags' }, (a.capabilities || []).map((cap) => h('li', {}, cap))),
          h('h3', {}, 'Custom capabilities'),
          a.customCapabilities && a.customCapabilities.length
            ? h('ul', { class: 'tags' }, a.customCapabilities.map((cap) => h('li', { class: 'mono' }, cap)))
            : h('p', { class: 'muted' }, 'None advertised.'),
        ),
        card('Labels', ctx.can('operator') ? labelEditor() : labelChips(a.labels)),
      ),
    );
  }

  function labelEditor() {
    const list = h('div', { class: 'label-rows' });
    const addRow = (k = '', v = '') => {
      const key = h('input', { type: 'text', value: k, 'aria-label': 'Label key', placeholder: 'key', autocomplete: 'off' });
      const val = h('input', { type: 'text', value: v, 'aria-label': 'Label value', placeholder: 'value', autocomplete: 'off' });
      const rowEl = h(
        'div',
        { class: 'label-row' },
        key,
        h('span', { 'aria-hidden': 'true' }, '='),
        val,
        h(
          'button',
          {
            type: 'button',
            class: 'btn btn-small',
            'aria-label': `Remove label ${k || ''}`.trim(),
            onclick: () => {
              rowEl.remove();
              dirty.add(tab);
            },
          },
          'Remove',
        ),
      );
      list.append(rowEl);
      return key;
    };
    Object.entries(agent.labels || {}).forEach(([k, v]) => addRow(k, v));
    const error = h('p', { class: 'form-error', role: 'alert' });
    return h(
      'form',
      {
        class: 'labels-form',
        'aria-label': 'Labels',
        onsubmit: async (e) => {
          e.preventDefault();
          const labels = {};
          for (const r of list.querySelectorAll('.label-row')) {
            const [k, v] = r.querySelectorAll('input');
            if (!k.value.trim()) continue;
            labels[k.value.trim()] = v.value;
          }
          try {
            const updated = await api.put(`${agentPath(uid)}/labels`, labels);
            error.textContent = '';
            dirty.delete('overview');
            toast('Labels saved.', 'success');
            if (updated && updated.instanceUid) {
              agent = updated;
              renderHead();
            }
            renderPanel(true);
          } catch (err) {
            error.textContent = err.message;
          }
        },
      },
      list,
      error,
      h(
        'div',
        { class: 'form-actions' },
        h('button', { type: 'button', class: 'btn', onclick: () => addRow().focus() }, 'Add label'),
        h('button', { type: 'submit', class: 'btn btn-primary' }, 'Save labels'),
      ),
    );
  }

  // ---- health
  function health(panel) {
    const hl = agent.health;
    if (!hl) {
      panel.append(h('p', { class: 'muted' }, 'This agent has not reported health.'));
      return;
    }
    panel.append(card('Component health', h('ul', { class: 'health-tree', role: 'tree', 'aria-label': 'Component health' }, node('Agent', hl, 1))));
  }

  function node(name, hl, level) {
    const children = Object.entries(hl.components || {});
    return h(
      'li',
      { role: 'treeitem', 'aria-level': String(level), 'aria-expanded': children.length ? 'true' : undefined },
      h(
        'div',
        { class: 'health-node' },
        h('span', { class: 'health-name' }, name),
        hl.healthy ? pill('Healthy', 'ok') : pill('Unhealthy', 'bad'),
        hl.status ? h('span', { class: 'muted' }, hl.status) : null,
        hl.startTimeUnixNano ? h('span', { class: 'muted small' }, `started ${fromNanos(hl.startTimeUnixNano)}`) : null,
      ),
      hl.lastError ? h('div', { class: 'health-error' }, h('strong', {}, 'Last error: '), hl.lastError) : null,
      children.length
        ? h('ul', { role: 'group' }, children.map(([childName, child]) => node(childName, child, level + 1)))
        : null,
    );
  }

  // ---- configuration
  function config(panel) {
    const a = agent;
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
    if (!names.length) {
      panel.append(card('Effective config', h('p', { class: 'muted' }, 'The agent has not reported its effective config.')));
    }
    for (const name of names) panel.append(fileCard(name, effective[name], remote[name]));
    if (ctx.can('operator')) panel.append(pushForm(names, effective));
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

  function pushForm(names, effective) {
    const first = names[0] || 'fluent-bit.yaml';
    const nameInput = h('input', { type: 'text', value: first, required: true, autocomplete: 'off' });
    const typeInput = h(
      'select',
      {},
      ['text/yaml', 'text/plain'].map((t) => h('option', { value: t, selected: ((effective[first] || {}).contentType || 'text/yaml') === t }, t)),
    );
    const bodyInput = h('textarea', { rows: '12', spellcheck: 'false', class: 'mono', required: true });
    bodyInput.value = (effective[first] && effective[first].body) || '';
    const error = h('p', { class: 'form-error', role: 'alert' });
    return h(
      'form',
      {
        class: 'card push-form',
        'aria-labelledby': 'push-title',
        onsubmit: async (e) => {
          e.preventDefault();
          const ok = await confirmDialog({
            title: `Push ${nameInput.value} to ${agent.name}?`,
            message: 'The agent validates and applies it, then reports Applied or Failed.',
            confirmLabel: 'Push config',
          });
          if (!ok) return;
          try {
            const files = { [nameInput.value.trim()]: { body: bodyInput.value, contentType: typeInput.value } };
            const updated = await api.put(`${agentPath(uid)}/remote-config`, { files });
            error.textContent = '';
            dirty.delete('config');
            toast('Config pushed; waiting for the agent to apply it.', 'success');
            if (updated && updated.instanceUid) view.onAgent(updated, true);
          } catch (err) {
            error.textContent = err.message;
          }
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

  // ---- commands
  function commandsPanel(panel) {
    const a = agent;
    if (ctx.can('operator')) {
      const restartable = (a.capabilities || []).includes('AcceptsRestartCommand');
      panel.append(
        card(
          'Restart',
          h('p', { class: 'muted' }, restartable ? 'The OpAMP restart command: the agent restarts its process.' : 'This agent does not accept restart commands.'),
          h('button', { type: 'button', class: 'btn btn-primary', disabled: !restartable, onclick: restart }, 'Restart agent'),
        ),
      );
      const custom = a.customCapabilities || [];
      if (!custom.length) {
        panel.append(card('Custom commands', h('p', { class: 'muted' }, 'This agent advertises no custom capabilities.')));
      }
      for (const cap of custom) {
        const decl = declared.find((d) => d.capability === cap);
        if (decl) {
          for (const cmd of decl.commands || []) panel.append(declaredForm(decl, cmd));
        } else {
          panel.append(genericForm(cap));
        }
      }
    }
    panel.append(card('Command history', h('div', { id: 'command-history' }, commandHistory())));
  }

  function declaredForm(decl, cmd) {
    const controls = [];
    const fields = (cmd.parameters || []).map((p) => {
      let control;
      if (p.type === 'boolean') {
        control = h('input', { type: 'checkbox' });
        controls.push([p, () => control.checked]);
        return h('div', { class: 'field' }, h('label', { class: 'check' }, control, label(p)), p.description ? h('small', { class: 'hint' }, p.description) : null);
      }
      if (p.type === 'enum') {
        control = h(
          'select',
          { required: !!p.required },
          p.required ? null : h('option', { value: '' }, '—'),
          (p.values || []).map((v) => h('option', { value: String(v) }, String(v))),
        );
      } else {
        control = h('input', { type: p.type === 'number' ? 'number' : 'text', required: !!p.required, step: p.type === 'number' ? 'any' : undefined, autocomplete: 'off' });
      }
      controls.push([p, () => (p.type === 'number' && control.value !== '' ? Number(control.value) : control.value)]);
      return field(`${label(p)}${p.required ? ' (required)' : ''}`, control, p.description);
    });
    const error = h('p', { class: 'form-error', role: 'alert' });
    const title = cmd.title || cmd.messageType;
    return h(
      'form',
      {
        class: 'card command-form',
        'aria-label': title,
        onsubmit: async (e) => {
          e.preventDefault();
          const data = {};
          for (const [p, read] of controls) {
            const v = read();
            if (v === '' && !p.required) continue;
            data[p.name] = v;
          }
          await sendCustom(decl.capability, cmd.messageType, Object.keys(data).length ? JSON.stringify(data) : '', error, e.target);
        },
      },
      h('h2', {}, title),
      h('p', { class: 'muted small' }, decl.title || '', ' ', h('span', { class: 'mono' }, `${decl.capability} · ${cmd.messageType}`)),
      cmd.description ? h('p', {}, cmd.description) : null,
      fields,
      error,
      h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'btn btn-primary', 'aria-label': `Send: ${title}` }, 'Send command')),
    );
  }

  function genericForm(capability) {
    const type = h('input', { type: 'text', required: true, autocomplete: 'off' });
    const data = h('textarea', { rows: '4', class: 'mono', spellcheck: 'false' });
    const error = h('p', { class: 'form-error', role: 'alert' });
    return h(
      'form',
      {
        class: 'card command-form',
        'aria-label': `Custom message for ${capability}`,
        onsubmit: async (e) => {
          e.preventDefault();
          await sendCustom(capability, type.value.trim(), data.value, error, e.target);
        },
      },
      h('h2', {}, 'Custom message'),
      h('p', { class: 'muted small' }, 'The server declares no commands for ', h('span', { class: 'mono' }, capability), '; send a message by type.'),
      h('div', { class: 'form-grid' }, field('Message type', type)),
      field('Data', data, 'Sent as UTF-8 text; may be empty.'),
      error,
      h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'btn btn-primary' }, 'Send message')),
    );
  }

  async function sendCustom(capability, messageType, data, error, form) {
    try {
      await api.post(`${agentPath(uid)}/commands`, { type: 'custom', capability, messageType, data });
      error.textContent = '';
      dirty.delete('commands');
      form.reset();
      toast(`${messageType} sent.`, 'success');
      refreshCommands();
    } catch (err) {
      error.textContent = err.message;
    }
  }

  function commandHistory() {
    if (!commands.length) return h('p', { class: 'muted' }, 'No commands sent yet.');
    const tones = { queued: 'info', sent: 'info', acknowledged: 'ok', failed: 'bad' };
    return h(
      'div',
      { class: 'table-wrap' },
      h(
        'table',
        { class: 'grid compact' },
        h('caption', { class: 'sr-only' }, 'Commands sent to this agent'),
        h('thead', {}, h('tr', {}, ['Command', 'Status', 'Created', 'Updated', 'Error'].map((t) => h('th', { scope: 'col' }, t)))),
        h(
          'tbody',
          {},
          commands.map((c) =>
            h(
              'tr',
              {},
              h('td', {}, c.type === 'custom' ? h('span', { class: 'mono' }, `${c.capability} · ${c.messageType}`) : c.type),
              h('td', {}, pill(c.status, tones[c.status] || 'muted')),
              h('td', {}, dateTime(c.createdAt)),
              h('td', {}, dateTime(c.updatedAt)),
              h('td', {}, c.error || ''),
            ),
          ),
        ),
      ),
    );
  }

  // ---- timeline
  function timeline(panel) {
    if (!events.length) {
      panel.append(h('p', { class: 'muted' }, 'No events recorded yet.'));
      return;
    }
    const list = h('ol', { class: 'timeline', 'aria-label': 'Events, newest first' }, events.map(eventItem));
    panel.append(
      card(
        'Event timeline',
        list,
        nextBefore
          ? h('button', { type: 'button', class: 'btn', onclick: () => loadEvents(true) }, 'Load older events')
          : h('p', { class: 'muted small' }, 'This is the oldest recorded event.'),
      ),
    );
  }

  function eventItem(e) {
    const details = Object.entries(e.details || {});
    return h(
      'li',
      { class: `event event-${(e.type || '').toLowerCase().replace(/[^a-z]+/g, '-')}` },
      h('time', { datetime: e.time }, dateTime(e.time)),
      h('span', { class: 'event-type' }, e.type),
      h('span', { class: 'event-message' }, e.message),
      details.length
        ? h('dl', { class: 'event-details' }, details.map(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]))
        : null,
    );
  }

  // ---- helpers
  function card(title, ...children) {
    const id = uniqueId('card');
    return h('section', { class: 'card', 'aria-labelledby': id }, h('h2', { id }, title), ...children);
  }

  function attributes(map) {
    const entries = Object.entries(map || {});
    if (!entries.length) return h('p', { class: 'muted' }, 'None reported.');
    return definitions(entries.map(([k, v]) => [h('span', { class: 'mono' }, k), v]));
  }

  function definitions(pairs) {
    return h('dl', { class: 'defs' }, pairs.map(([k, v]) => h('div', {}, h('dt', {}, k), h('dd', {}, v === '' || v == null ? '—' : v))));
  }

  // ---- live updates
  view.onAgent = (updated, force = false) => {
    if (!agent || updated.instanceUid !== uid) return;
    const before = agent;
    agent = updated;
    renderHead();
    if (tab === 'commands') refreshCommands();
    else if (tab !== 'timeline' && (force || signature(tab, before) !== signature(tab, updated))) {
      renderPanel(force);
    }
  };
  view.refresh = () => {
    api
      .get(agentPath(uid))
      .then((a) => view.onAgent(a))
      .catch(() => {});
    loadEvents();
    loadCommands();
  };
  view.onEvent = (e) => {
    if (!agent || e.instanceUid !== uid) return;
    if (events.some((x) => x.id === e.id)) return;
    events = [e, ...events];
    if (tab === 'timeline') {
      const list = panelBox.querySelector('.timeline');
      if (list) list.prepend(eventItem(e));
      else renderPanel(true);
    }
    if (/command/i.test(e.type || '')) refreshCommands();
  };
  view.onRemoved = ({ instanceUid }) => {
    if (instanceUid !== uid || !agent) return;
    head.prepend(h('p', { class: 'notice', role: 'alert' }, 'This agent was forgotten or got a new instance UID. ', h('a', { href: '#/agents' }, 'Back to the fleet')));
  };
  view.unmount = () => {
    view.closed = true;
    refreshCommands.cancel();
  };

  load();
  return view;
}

/** A parameter's label: its title, else its name with a capital. */
function label(p) {
  const text = p.title || p.name || '';
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** What a tab shows of an agent, to skip re-rendering (and losing scroll or view mode) on heartbeats. */
function signature(tab, a) {
  const c = a.connection || {};
  const parts = {
    overview: [a.description, a.labels, a.capabilities, a.customCapabilities, c.transport, c.remoteAddress, c.connected, c.connectedSince],
    health: [a.health],
    config: [a.effectiveConfig, a.remoteConfig, a.remoteConfigStatus],
  }[tab];
  return JSON.stringify(parts || null);
}
