// Agent page: what one agent reports, what it runs, its history, and what an operator can do.
import { query } from '/kit/api.js';
import { confirmDialog, h, replace, toast } from '/kit/dom.js';
import { commandHistory, commandsPanel } from './agent-commands.js';
import { configPanel } from './agent-config.js';
import { eventItem, healthPanel, overviewPanel, timelinePanel } from './agent-panels.js';
import { agentPath, api, loadCustomCapabilities } from './api.js';
import { throttle } from './dom.js';
import { agentType, agentVersion, approvalPill, configStatusPill, driftPill, healthPill, lastSeenPill } from './format.js';

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
  const dirty = new Set();

  /** What the tab modules may read and do. */
  const page = {
    uid,
    ctx,
    get agent() {
      return agent;
    },
    get declared() {
      return declared;
    },
    get commands() {
      return commands;
    },
    get events() {
      return events;
    },
    get nextBefore() {
      return nextBefore;
    },
    restart: () => restart(),
    loadOlder: () => loadEvents(true),
    sent: () => refreshCommands(),
    dirty: (id) => dirty.add(id),
    clean: (id) => dirty.delete(id),
    /** After a change the operator made: show the agent the server answered with. */
    updated: (a) => (a && a.instanceUid ? view.onAgent(a, true) : renderPanel(true)),
  };

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
      if (box) replace(box, commandHistory(commands));
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
        h('div', {}, h('dt', {}, 'Drift'), h('dd', { id: 'drift-state' }, driftPill(a))),
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
    const render = { overview: overviewPanel, health: healthPanel, config: configPanel, commands: commandsPanel, timeline: timelinePanel }[tab];
    render(panel, page);
    replace(panelBox, panel);
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

/** What a tab shows of an agent, to skip re-rendering (and losing scroll or view mode) on heartbeats. */
function signature(tab, a) {
  const c = a.connection || {};
  const parts = {
    overview: [a.description, a.labels, a.capabilities, a.customCapabilities, c.transport, c.remoteAddress, c.connected, c.connectedSince],
    health: [a.health],
    config: [a.effectiveConfig, a.remoteConfig, a.remoteConfigStatus, a.desiredConfig, a.drift],
  }[tab];
  return JSON.stringify(parts || null);
}
