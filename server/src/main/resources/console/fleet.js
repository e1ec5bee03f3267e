// Fleet view: one server-side page of agents, filters kept in the URL, live row updates.
import { query } from '/kit/api.js';
import { debounce, field, h, replace, uniqueId } from '/kit/dom.js';
import { api } from './api.js';
import { throttle } from './dom.js';
import {
  agentType,
  agentVersion,
  approvalPill,
  attr,
  configStatusPill,
  configVersion,
  dateTime,
  driftPill,
  healthPill,
  host,
  labelChips,
  lastSeenPill,
  number,
} from './format.js';

const COLUMN_KEY = 'flotilla.fleet.columns';
const PAGE_SIZE_KEY = 'flotilla.fleet.pageSize';
const PAGE_SIZES = [25, 50, 100, 200];
const FILTERS = ['q', 'connected', 'healthy', 'approval', 'configStatus', 'drift', 'selector', 'sort', 'offset'];
/** The filters that narrow the list (sort and offset only order and page it). */
const NARROWING = ['q', 'connected', 'healthy', 'approval', 'configStatus', 'drift', 'selector'];

/** Columns; `sort` names the server sort key, `hidden` the default visibility. */
function columns(view) {
  return [
    {
      id: 'name',
      title: 'Agent',
      sort: 'name',
      fixed: true,
      cell: (a) => [
        h('a', { href: `#/agents/${encodeURIComponent(a.instanceUid)}`, class: 'agent-link' }, a.name),
        a.approval && a.approval !== 'approved' ? [' ', approvalPill(a)] : null,
        h('div', { class: 'uid mono', title: a.instanceUid }, a.instanceUid),
      ],
    },
    {
      id: 'type',
      title: 'Type / version',
      cell: (a) => h('span', { class: 'nowrap' }, agentType(a), ' ', h('span', { class: 'muted' }, agentVersion(a))),
    },
    { id: 'host', title: 'Host', cell: (a) => (host(a) ? h('span', { class: 'nowrap' }, host(a)) : h('span', { class: 'muted' }, '—')) },
    {
      id: 'transport',
      title: 'Transport',
      cell: (a) => (a.connection ? transportName(a.connection.transport) : h('span', { class: 'muted' }, '—')),
    },
    {
      id: 'lastSeen',
      title: 'Last seen',
      sort: 'lastSeen',
      cell: (a) => lastSeenPill(a, view.ctx.settings()),
    },
    { id: 'health', title: 'Health', cell: (a) => healthPill(a) },
    {
      id: 'config',
      title: 'Config version',
      cell: (a) => h('span', { class: 'mono' }, configVersion(a) || '—'),
    },
    { id: 'configStatus', title: 'Remote config', cell: (a) => configStatusPill(a) },
    {
      id: 'drift',
      title: 'Drift',
      cell: (a) => [
        driftPill(a),
        a.desiredConfig ? h('div', { class: 'uid mono' }, `${a.desiredConfig.name}@${a.desiredConfig.version}`) : null,
      ],
    },
    {
      id: 'labels',
      title: 'Labels',
      cell: (a) => labelChips(a.labels, (k, v) => view.addSelector(k, v)),
    },
    {
      id: 'uid',
      title: 'Instance UID',
      sort: 'instanceUid',
      hidden: true,
      cell: (a) => h('span', { class: 'mono' }, a.instanceUid),
    },
    { id: 'os', title: 'OS', hidden: true, cell: (a) => attr(a, 'os.type') || '—' },
    { id: 'approval', title: 'Approval', hidden: true, cell: (a) => approvalPill(a) },
    {
      id: 'address',
      title: 'Remote address',
      hidden: true,
      cell: (a) => h('span', { class: 'mono' }, (a.connection && a.connection.remoteAddress) || '—'),
    },
    {
      id: 'firstSeen',
      title: 'First seen',
      sort: 'firstSeen',
      hidden: true,
      cell: (a) => dateTime(a.firstSeen),
    },
  ];
}

function transportName(t) {
  return t === 'websocket' ? 'WebSocket' : t === 'http' ? 'HTTP' : t || '—';
}

function loadVisible(all) {
  try {
    const saved = JSON.parse(localStorage.getItem(COLUMN_KEY) || 'null');
    if (Array.isArray(saved)) return new Set([...saved, ...all.filter((c) => c.fixed).map((c) => c.id)]);
  } catch {
    // fall through to defaults
  }
  return new Set(all.filter((c) => !c.hidden).map((c) => c.id));
}

export function mountFleet(root, ctx, params) {
  const view = { ctx };
  const all = columns(view);
  const visible = loadVisible(all);
  const filters = Object.fromEntries(FILTERS.map((k) => [k, params.get(k) || '']));
  let pageSize = Number(localStorage.getItem(PAGE_SIZE_KEY)) || 50;
  if (!PAGE_SIZES.includes(pageSize)) pageSize = 50;
  let page = { items: [], total: 0, offset: 0, limit: pageSize };
  let loading = null;
  const rows = new Map();

  // ---- layout
  const status = h('p', { class: 'table-status', role: 'status', 'aria-live': 'polite' });
  const errorBox = h('div', { class: 'form-error', role: 'alert' });
  const table = h('table', { class: 'grid', 'aria-describedby': 'fleet-caption' });
  const pager = h('nav', { class: 'pager', 'aria-label': 'Pages' });

  const search = h('input', {
    type: 'search',
    value: filters.q,
    placeholder: 'Name, host, uid, attribute, label…',
    autocomplete: 'off',
    oninput: debounce(() => setFilter('q', search.value.trim()), 250),
  });
  const selector = h('input', {
    type: 'text',
    value: filters.selector,
    placeholder: 'env=prod, os.type=linux',
    autocomplete: 'off',
    onchange: () => setFilter('selector', normalizeSelector(selector.value)),
    onkeydown: (e) => e.key === 'Enter' && setFilter('selector', normalizeSelector(selector.value)),
  });
  const select = (name, options) =>
    h(
      'select',
      { onchange: (e) => setFilter(name, e.target.value) },
      options.map(([value, text]) => h('option', { value, selected: filters[name] === value }, text)),
    );
  const toolbar = h(
    'form',
    { class: 'filters', role: 'search', 'aria-label': 'Filter agents', onsubmit: (e) => e.preventDefault() },
    field('Search', search),
    field(
      'Connection',
      select('connected', [
        ['', 'Any'],
        ['true', 'Connected'],
        ['false', 'Disconnected'],
      ]),
    ),
    field(
      'Health',
      select('healthy', [
        ['', 'Any'],
        ['true', 'Healthy'],
        ['false', 'Unhealthy'],
      ]),
    ),
    field(
      'Approval',
      select('approval', [
        ['', 'Any'],
        ['approved', 'Approved'],
        ['pending', 'Pending'],
        ['blocked', 'Blocked'],
      ]),
    ),
    field(
      'Remote config',
      select('configStatus', [
        ['', 'Any'],
        ['APPLIED', 'Applied'],
        ['APPLYING', 'Applying'],
        ['FAILED', 'Failed'],
        ['UNSET', 'None'],
      ]),
    ),
    field(
      'Drift',
      select('drift', [
        ['', 'Any'],
        ['true', 'Drifted or failed'],
        ['false', 'In sync'],
      ]),
    ),
    field('Labels / attributes', selector),
    h('div', { class: 'filter-actions' }, h('button', { type: 'button', class: 'btn', onclick: clearFilters }, 'Clear'), columnChooser()),
  );

  replace(
    root,
    h(
      'div',
      { class: 'page-head' },
      h('h1', { tabindex: '-1' }, 'Fleet'),
      h('p', { class: 'muted', id: 'fleet-caption' }, 'Every agent that has talked to this server. Updates arrive live.'),
    ),
    toolbar,
    errorBox,
    h('div', { class: 'table-wrap' }, table),
    h('div', { class: 'table-foot' }, status, pager),
  );

  // ---- filters and URL
  function setFilter(name, value) {
    if (filters[name] === value) return;
    filters[name] = value;
    if (name !== 'offset') filters.offset = '';
    syncUrl();
    load();
  }

  function clearFilters() {
    for (const k of [...NARROWING, 'offset']) filters[k] = '';
    search.value = '';
    selector.value = '';
    toolbar.querySelectorAll('select').forEach((s) => (s.value = ''));
    syncUrl();
    load();
  }

  view.addSelector = (k, v) => {
    const parts = filters.selector ? filters.selector.split(',') : [];
    const entry = `${k}=${v}`;
    if (!parts.includes(entry)) parts.push(entry);
    selector.value = parts.join(', ');
    setFilter('selector', parts.join(','));
  };

  function syncUrl() {
    const q = query(filters);
    history.replaceState(null, '', `#/agents${q}`);
  }

  // ---- columns
  function columnChooser() {
    const id = uniqueId('cols');
    return h(
      'details',
      { class: 'menu' },
      h('summary', { class: 'btn' }, 'Columns'),
      h(
        'fieldset',
        { class: 'menu-body', id },
        h('legend', {}, 'Show columns'),
        all
          .filter((c) => !c.fixed)
          .map((c) =>
            h(
              'label',
              { class: 'check' },
              h('input', {
                type: 'checkbox',
                checked: visible.has(c.id),
                onchange: (e) => {
                  if (e.target.checked) visible.add(c.id);
                  else visible.delete(c.id);
                  localStorage.setItem(COLUMN_KEY, JSON.stringify([...visible]));
                  render();
                },
              }),
              c.title,
            ),
          ),
      ),
    );
  }

  const shown = () => all.filter((c) => visible.has(c.id));

  // ---- rendering
  function header() {
    const sort = filters.sort || 'name';
    return h(
      'thead',
      {},
      h(
        'tr',
        {},
        shown().map((c) => {
          if (!c.sort) return h('th', { scope: 'col' }, c.title);
          const active = sort === c.sort;
          return h(
            'th',
            {
              scope: 'col',
              'aria-sort': active ? (c.sort === 'lastSeen' ? 'descending' : 'ascending') : 'none',
            },
            h(
              'button',
              {
                type: 'button',
                class: active ? 'sort active' : 'sort',
                title: `Sort by ${c.title.toLowerCase()}`,
                onclick: () => setFilter('sort', c.sort === 'name' ? '' : c.sort),
              },
              c.title,
              h('span', { class: 'sort-mark', 'aria-hidden': 'true' }, active ? (c.sort === 'lastSeen' ? ' ↓' : ' ↑') : ''),
            ),
          );
        }),
      ),
    );
  }

  function row(agent) {
    const tr = h(
      'tr',
      { dataset: { uid: agent.instanceUid }, class: agent.health && !agent.health.healthy ? 'row-bad' : '' },
      shown().map((c) => h('td', { dataset: { col: c.id } }, c.cell(agent))),
    );
    rows.set(agent.instanceUid, { tr, agent });
    return tr;
  }

  function render() {
    rows.clear();
    const body = h('tbody', {}, page.items.map(row));
    if (!page.items.length) {
      const anyFilter = NARROWING.some((k) => filters[k]);
      body.appendChild(
        h(
          'tr',
          {},
          h(
            'td',
            { colspan: shown().length, class: 'empty' },
            anyFilter
              ? 'No agents match these filters.'
              : 'No agents yet. Start a Flotilla supervisor pointed at this server’s OpAMP endpoint and it appears here.',
          ),
        ),
      );
    }
    replace(table, h('caption', { class: 'sr-only' }, 'Agents'), header(), body);
    renderPager();
  }

  function renderPager() {
    const from = page.total ? page.offset + 1 : 0;
    const to = page.offset + page.items.length;
    status.textContent = `${number(from)}–${number(to)} of ${number(page.total)} agents`;
    const sizeSelect = h(
      'select',
      {
        onchange: (e) => {
          pageSize = Number(e.target.value);
          localStorage.setItem(PAGE_SIZE_KEY, String(pageSize));
          setFilter('offset', '');
          load();
        },
      },
      PAGE_SIZES.map((n) => h('option', { value: String(n), selected: n === pageSize }, String(n))),
    );
    replace(
      pager,
      field('Rows per page', sizeSelect),
      h(
        'button',
        {
          type: 'button',
          class: 'btn',
          disabled: page.offset <= 0,
          onclick: () => setFilter('offset', String(Math.max(0, page.offset - pageSize) || '')),
        },
        '‹ Previous',
      ),
      h(
        'button',
        {
          type: 'button',
          class: 'btn',
          disabled: page.offset + page.items.length >= page.total,
          onclick: () => setFilter('offset', String(page.offset + pageSize)),
        },
        'Next ›',
      ),
    );
  }

  async function load() {
    const params = {
      q: filters.q,
      connected: filters.connected,
      healthy: filters.healthy,
      approval: filters.approval,
      configStatus: filters.configStatus,
      drift: filters.drift,
      selector: filters.selector,
      sort: filters.sort,
      offset: filters.offset,
      limit: pageSize,
    };
    const mine = (loading = {});
    table.setAttribute('aria-busy', 'true');
    try {
      const result = await api.get(`/agents${query(params)}`);
      if (mine !== loading || view.closed) return;
      page = result;
      errorBox.textContent = '';
      render();
    } catch (e) {
      if (mine !== loading || view.closed) return;
      errorBox.textContent = e.message;
    } finally {
      if (mine === loading) table.removeAttribute('aria-busy');
    }
  }

  const reload = throttle(() => !view.closed && load(), 1500);

  // ---- live updates
  view.onAgent = (agent) => {
    const current = rows.get(agent.instanceUid);
    const filtered = NARROWING.some((k) => filters[k]);
    if (current) {
      const hadFocus = current.tr.contains(document.activeElement);
      const tr = row(agent);
      current.tr.replaceWith(tr);
      if (hadFocus) tr.querySelector('a').focus({ preventScroll: true });
      if (filtered || filters.sort === 'lastSeen') reload();
    } else if (filtered || filters.sort === 'lastSeen' || isNew(agent) || page.items.length < pageSize) {
      reload();
    }
  };
  view.onRemoved = ({ instanceUid }) => {
    if (rows.has(instanceUid)) reload();
  };
  const tick = setInterval(() => {
    for (const { tr, agent } of rows.values()) {
      const cell = tr.querySelector('td[data-col="lastSeen"]');
      if (cell) replace(cell, lastSeenPill(agent, ctx.settings()));
    }
  }, 5000);
  const closeMenu = (e) => {
    const menu = toolbar.querySelector('details.menu[open]');
    if (!menu) return;
    if ((e.type === 'click' && !menu.contains(e.target)) || (e.type === 'keydown' && e.key === 'Escape')) {
      menu.open = false;
      if (e.type === 'keydown') menu.querySelector('summary').focus();
    }
  };
  document.addEventListener('click', closeMenu);
  document.addEventListener('keydown', closeMenu);
  view.refresh = load;
  view.unmount = () => {
    view.closed = true;
    clearInterval(tick);
    reload.cancel();
    document.removeEventListener('click', closeMenu);
    document.removeEventListener('keydown', closeMenu);
  };
  view.onKey = (e) => {
    if (e.key === '/' && !/^(INPUT|TEXTAREA|SELECT)$/.test(document.activeElement.tagName)) {
      e.preventDefault();
      search.focus();
    }
  };

  render();
  load();
  return view;
}

function isNew(agent) {
  const first = Date.parse(agent.firstSeen || '');
  return !Number.isNaN(first) && Date.now() - first < 15000;
}

/** "a = b ,c=d" → "a=b,c=d". */
function normalizeSelector(text) {
  return text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => p.replace(/\s*=\s*/, '='))
    .join(',');
}
