// The agent page's Overview, Health and Timeline tabs.
import { h, toast } from '/kit/dom.js';
import { agentPath, api } from './api.js';
import { card, definitions } from './dom.js';
import { dateTime, fromNanos, labelChips, pill } from './format.js';

/** The Overview tab: attributes, connection, capabilities, labels. */
export function overviewPanel(panel, page) {
  const a = page.agent;
  const d = a.description || {};
  const c = a.connection;
  panel.append(
    h(
      'div',
      { class: 'cards masonry' },
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
      card('Labels', page.ctx.can('operator') ? labelEditor(page) : labelChips(a.labels)),
    ),
  );
}

function labelEditor(page) {
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
            page.dirty('overview');
          },
        },
        'Remove',
      ),
    );
    list.append(rowEl);
    return key;
  };
  Object.entries(page.agent.labels || {}).forEach(([k, v]) => addRow(k, v));
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
          const updated = await api.put(`${agentPath(page.uid)}/labels`, labels);
          error.textContent = '';
          page.clean('overview');
          toast('Labels saved.', 'success');
          page.updated(updated);
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

/** The Health tab: the component health tree. */
export function healthPanel(panel, page) {
  const hl = page.agent.health;
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

/** The Timeline tab: events newest first, with paging back. */
export function timelinePanel(panel, page) {
  const events = page.events;
  if (!events.length) {
    panel.append(h('p', { class: 'muted' }, 'No events recorded yet.'));
    return;
  }
  const list = h('ol', { class: 'timeline', 'aria-label': 'Events, newest first' }, events.map(eventItem));
  panel.append(
    card(
      'Event timeline',
      list,
      page.nextBefore
        ? h('button', { type: 'button', class: 'btn', onclick: page.loadOlder }, 'Load older events')
        : h('p', { class: 'muted small' }, 'This is the oldest recorded event.'),
    ),
  );
}

export function eventItem(e) {
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

function attributes(map) {
  const entries = Object.entries(map || {});
  if (!entries.length) return h('p', { class: 'muted' }, 'None reported.');
  return definitions(entries.map(([k, v]) => [h('span', { class: 'mono' }, k), v]));
}
