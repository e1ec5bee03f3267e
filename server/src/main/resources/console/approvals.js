// Approvals: agents waiting for an operator, and agents kept out.
import { query } from '/kit/api.js';
import { confirmDialog, h, replace, toast } from '/kit/dom.js';
import { agentPath, api } from './api.js';
import { throttle } from './dom.js';
import { agentType, agentVersion, dateTime, host } from './format.js';

export function mountApprovals(root, ctx) {
  const view = {};
  const modeNote = h('p', { class: 'muted' });
  const pendingBox = h('div', { 'aria-live': 'polite' });
  const blockedBox = h('div', { 'aria-live': 'polite' });

  replace(
    root,
    h('div', { class: 'page-head' }, h('h1', { tabindex: '-1' }, 'Approvals'), modeNote),
    h('section', { class: 'card', 'aria-labelledby': 'pending-title' }, h('h2', { id: 'pending-title' }, 'Pending approval'), pendingBox),
    h('section', { class: 'card', 'aria-labelledby': 'blocked-title' }, h('h2', { id: 'blocked-title' }, 'Blocked'), blockedBox),
  );

  async function load() {
    try {
      const [pending, blocked, settings] = await Promise.all([
        api.get(`/agents${query({ approval: 'pending', sort: 'firstSeen', limit: 200 })}`),
        api.get(`/agents${query({ approval: 'blocked', limit: 200 })}`),
        api.get('/settings'),
      ]);
      if (view.closed) return;
      modeNote.textContent =
        settings.approvalMode === 'manual'
          ? 'Human approval is on: agents the server has not seen before wait here until an operator approves them.'
          : 'Human approval is off: new agents are approved as they connect. An admin can turn it on in Settings.';
      replace(pendingBox, list(pending, 'pending'));
      replace(blockedBox, list(blocked, 'blocked'));
    } catch (e) {
      if (!view.closed) replace(pendingBox, h('p', { class: 'form-error', role: 'alert' }, e.message));
    }
  }

  function list(page, kind) {
    if (!page.items.length) {
      return h('p', { class: 'muted empty' }, kind === 'pending' ? 'No agents are waiting.' : 'No agents are blocked.');
    }
    return h(
      'div',
      { class: 'table-wrap' },
      h(
        'table',
        { class: 'grid' },
        h('caption', { class: 'sr-only' }, kind === 'pending' ? 'Agents waiting for approval' : 'Blocked agents'),
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            ['Agent', 'Type / version', 'Host', 'Address', 'First seen', ctx.can('operator') ? 'Decision' : null]
              .filter(Boolean)
              .map((t) => h('th', { scope: 'col' }, t)),
          ),
        ),
        h(
          'tbody',
          {},
          page.items.map((a) =>
            h(
              'tr',
              { dataset: { uid: a.instanceUid } },
              h(
                'td',
                {},
                h('a', { href: `#/agents/${encodeURIComponent(a.instanceUid)}`, class: 'agent-link' }, a.name),
                h('div', { class: 'uid mono' }, a.instanceUid),
              ),
              h('td', {}, agentType(a), ' ', h('span', { class: 'muted' }, agentVersion(a))),
              h('td', {}, host(a) || '—'),
              h('td', { class: 'mono' }, (a.connection && a.connection.remoteAddress) || '—'),
              h('td', {}, dateTime(a.firstSeen)),
              ctx.can('operator') ? h('td', {}, h('div', { class: 'row-actions' }, decisions(a, kind))) : null,
            ),
          ),
        ),
      ),
      page.total > page.items.length ? h('p', { class: 'muted small' }, `Showing ${page.items.length} of ${page.total}.`) : null,
    );
  }

  function decisions(a, kind) {
    return [
      h('button', { type: 'button', class: 'btn btn-primary btn-small', 'aria-label': `Approve ${a.name}`, onclick: () => decide(a, 'approve') }, 'Approve'),
      kind === 'pending'
        ? h('button', { type: 'button', class: 'btn btn-danger btn-small', 'aria-label': `Block ${a.name}`, onclick: () => decide(a, 'block') }, 'Block')
        : null,
    ];
  }

  async function decide(a, what) {
    if (what === 'block') {
      const ok = await confirmDialog({
        title: `Block ${a.name}?`,
        message: 'A blocked agent is refused on both transports until it is approved.',
        confirmLabel: 'Block',
        danger: true,
      });
      if (!ok) return;
    }
    try {
      await api.post(`${agentPath(a.instanceUid)}/${what}`);
      toast(`${a.name} ${what === 'approve' ? 'approved' : 'blocked'}.`, 'success');
      load();
    } catch (e) {
      toast(e.message, 'error');
    }
  }

  const reload = throttle(() => !view.closed && load(), 1000);
  view.onAgent = (a) => {
    if (a.approval !== 'approved' || root.querySelector(`tr[data-uid="${CSS.escape(a.instanceUid)}"]`)) reload();
  };
  view.onRemoved = reload;
  view.refresh = load;
  view.unmount = () => {
    view.closed = true;
    reload.cancel();
  };
  load();
  return view;
}
