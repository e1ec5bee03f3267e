// Rollouts: the list, the start form with a preview of the matching agents, one rollout's progress.
import { query } from '/kit/api.js';
import { confirmDialog, debounce, field, h, replace, toast } from '/kit/dom.js';
import { api } from './api.js';
import { card, definitions, throttle } from './dom.js';
import { agentStatePill, dateTime, number, parseSelector, rolloutStatePill, selectorText } from './format.js';

const AGENT_STATES = ['healthy', 'applied', 'offered', 'pending', 'failed', 'timed_out', 'skipped'];

/** `parts` is what follows #/rollouts: [], ['new'] or [id]. */
export function mountRollouts(root, ctx, parts, params) {
  if (parts[0] === 'new') return startForm(root, ctx, params);
  if (parts[0]) return detail(root, ctx, parts[0]);
  return list(root, ctx);
}

const configAt = (r) => h('a', { href: `#/configs/${encodeURIComponent(r.config)}/versions/${r.version}`, class: 'mono' }, `${r.config}@${r.version}`);

function countsText(counts) {
  return AGENT_STATES.filter((s) => counts && counts[s]).map((s) => `${counts[s]} ${s.replace('_', ' ')}`).join(', ') || 'no agents';
}

/** A bar of agents per state; each part carries its count as text for screen readers. */
function progress(counts) {
  const total = Object.values(counts || {}).reduce((a, b) => a + b, 0);
  const done = (counts.healthy || 0) + (counts.failed || 0) + (counts.timed_out || 0) + (counts.skipped || 0);
  return h(
    'div',
    {
      class: 'progress',
      role: 'progressbar',
      'aria-valuemin': '0',
      'aria-valuemax': String(total),
      'aria-valuenow': String(done),
      'aria-valuetext': countsText(counts),
    },
    AGENT_STATES.filter((s) => counts[s]).map((s) => h('span', { class: `seg-${s}`, style: `width:${(100 * counts[s]) / total}%`, title: `${counts[s]} ${s}` })),
  );
}

function list(root, ctx) {
  const view = {};
  const box = h('div', { 'aria-live': 'polite' });
  replace(
    root,
    h(
      'div',
      { class: 'page-head agent-title' },
      h('div', {}, h('h1', { tabindex: '-1' }, 'Rollouts'), h('p', { class: 'muted' }, 'Config versions delivered to many agents in batches, stopping on failures.')),
      ctx.can('operator') ? h('a', { class: 'btn btn-primary', href: '#/rollouts/new' }, 'Start a rollout…') : null,
    ),
    box,
  );
  async function load() {
    try {
      const rollouts = await api.get('/rollouts');
      if (view.closed) return;
      replace(
        box,
        h(
          'div',
          { class: 'table-wrap' },
          h(
            'table',
            { class: 'grid' },
            h('caption', { class: 'sr-only' }, 'Rollouts'),
            h('thead', {}, h('tr', {}, ['Rollout', 'State', 'Config', 'Selector', 'Agents', 'Created'].map((t) => h('th', { scope: 'col' }, t)))),
            h(
              'tbody',
              {},
              rollouts.length
                ? rollouts.map((r) =>
                    h(
                      'tr',
                      { dataset: { rollout: r.id } },
                      h('td', {}, h('a', { href: `#/rollouts/${encodeURIComponent(r.id)}`, class: 'agent-link mono' }, r.id), r.rollbackOf ? h('div', { class: 'uid' }, `rolls back ${r.rollbackOf}`) : null),
                      h('td', { dataset: { col: 'state' } }, rolloutStatePill(r.state), r.reason ? h('div', { class: 'uid', title: r.reason }, r.reason) : null),
                      h('td', {}, configAt(r)),
                      h('td', { class: 'mono small' }, selectorText(r.selector)),
                      h('td', { dataset: { col: 'counts' } }, progress(r.counts || {}), h('span', { class: 'small muted' }, countsText(r.counts))),
                      h('td', { class: 'nowrap' }, r.createdBy || '—', h('div', { class: 'uid' }, dateTime(r.createdAt))),
                    ),
                  )
                : h('tr', {}, h('td', { colspan: '6', class: 'empty' }, 'No rollouts yet.')),
            ),
          ),
        ),
      );
    } catch (e) {
      if (!view.closed) replace(box, h('p', { class: 'form-error', role: 'alert' }, e.message));
    }
  }
  const reload = throttle(() => !view.closed && load(), 1000);
  view.onRollout = () => reload();
  view.refresh = load;
  view.unmount = () => {
    view.closed = true;
    reload.cancel();
  };
  load();
  return view;
}

function detail(root, ctx, id) {
  const view = {};
  let names = new Map();
  replace(root, h('p', { class: 'muted', role: 'status' }, 'Loading rollout…'));

  async function load() {
    try {
      const r = await api.get(`/rollouts/${encodeURIComponent(id)}`);
      if (view.closed) return;
      await loadNames(r);
      if (!view.closed) render(r);
    } catch (e) {
      if (view.closed) return;
      replace(
        root,
        h('h1', { tabindex: '-1' }, 'Rollout'),
        h('p', { class: 'form-error', role: 'alert' }, e.message),
        h('p', {}, h('a', { href: '#/rollouts' }, 'Back to rollouts')),
      );
    }
  }

  /** Agent names for the rows, read once; an agent the page does not know shows its uid. */
  async function loadNames(r) {
    if (r.agents.every((a) => names.has(a.instanceUid))) return;
    try {
      const page = await api.get(`/agents${query({ selector: Object.entries(r.selector || {}).map(([k, v]) => `${k}=${v}`).join(','), limit: 1000 })}`);
      names = new Map(page.items.map((a) => [a.instanceUid, a.name]));
    } catch {
      // the uid is enough
    }
  }

  function actions(r) {
    if (!ctx.can('operator')) return null;
    const button = (label, action, opts = {}) =>
      h(
        'button',
        {
          type: 'button',
          class: `btn${opts.danger ? ' btn-danger' : opts.primary ? ' btn-primary' : ''}`,
          onclick: async () => {
            if (opts.confirm) {
              const ok = await confirmDialog({ title: opts.confirm, message: opts.message, confirmLabel: label, danger: !!opts.danger });
              if (!ok) return;
            }
            try {
              const result = await api.post(`/rollouts/${encodeURIComponent(id)}/${action}`);
              toast(opts.done, 'success');
              if (action === 'rollback' && result && result.id && result.id !== id) location.hash = `#/rollouts/${encodeURIComponent(result.id)}`;
              else load();
            } catch (e) {
              toast(e.message, 'error');
            }
          },
        },
        label,
      );
    const bar = h('div', { class: 'actions', role: 'group', 'aria-label': 'Rollout actions' });
    if (r.state === 'running' || r.state === 'pending') bar.append(button('Pause', 'pause', { done: 'Rollout paused.' }));
    if (r.state === 'paused') bar.append(button('Resume', 'resume', { primary: true, done: 'Rollout resumed.' }));
    if (!['completed', 'aborted', 'rolled_back'].includes(r.state)) {
      bar.append(
        button('Abort', 'abort', {
          danger: true,
          confirm: `Abort rollout ${r.id}?`,
          message: 'No more agents are offered this version. Agents that already have it keep it.',
          done: 'Rollout aborted.',
        }),
      );
    }
    if (r.state !== 'rolled_back' && r.agents.some((a) => a.state !== 'pending' && a.state !== 'skipped')) {
      bar.append(
        button('Roll back', 'rollback', {
          danger: true,
          confirm: `Roll back rollout ${r.id}?`,
          message: 'Every agent this rollout reached is given back the version it had before.',
          done: 'Rollback started.',
        }),
      );
    }
    return bar;
  }

  function render(r) {
    const s = r.strategy || {};
    const hadFocus = root.contains(document.activeElement) && document.activeElement !== document.body;
    replace(
      root,
      h(
        'header',
        { class: 'agent-head' },
        h('nav', { class: 'crumbs', 'aria-label': 'Breadcrumb' }, h('a', { href: '#/rollouts' }, 'Rollouts'), ' › ', r.id),
        h(
          'div',
          { class: 'agent-title' },
          h('div', {}, h('h1', { tabindex: '-1' }, 'Rollout ', h('span', { class: 'mono' }, r.id)), h('p', { class: 'muted' }, configAt(r), ' to ', selectorText(r.selector))),
          actions(r),
        ),
        h(
          'dl',
          { class: 'status-strip' },
          h('div', {}, h('dt', {}, 'State'), h('dd', { id: 'rollout-state' }, rolloutStatePill(r.state))),
          r.reason ? h('div', {}, h('dt', {}, 'Reason'), h('dd', { id: 'rollout-reason' }, r.reason)) : null,
          h('div', {}, h('dt', {}, 'Created'), h('dd', {}, `${r.createdBy || '—'} · ${dateTime(r.createdAt)}`)),
          r.rollbackOf ? h('div', {}, h('dt', {}, 'Rolls back'), h('dd', {}, h('a', { href: `#/rollouts/${encodeURIComponent(r.rollbackOf)}` }, r.rollbackOf))) : null,
        ),
      ),
      card(
        'Progress',
        progress(r.counts || {}),
        h(
          'ul',
          { class: 'legend', id: 'rollout-counts' },
          AGENT_STATES.map((st) => h('li', { dataset: { state: st } }, agentStatePill(st), ' ', number((r.counts || {})[st] || 0))),
        ),
      ),
      card(
        'Strategy',
        definitions([
          ['Canary', String(s.canary ?? '—')],
          ['Batch size', String(s.batchSize ?? '—')],
          ['Pause between batches', s.pauseSeconds != null ? `${s.pauseSeconds} s` : ''],
          ['Healthy for', s.healthySeconds != null ? `${s.healthySeconds} s` : ''],
          ['Timeout', s.timeoutSeconds != null ? `${s.timeoutSeconds} s` : ''],
          ['Failures tolerated', String(s.maxFailures ?? '—')],
        ]),
      ),
      card(
        'Agents',
        h(
          'div',
          { class: 'table-wrap' },
          h(
            'table',
            { class: 'grid compact', id: 'rollout-agents' },
            h('caption', { class: 'sr-only' }, 'Agents of this rollout'),
            h('thead', {}, h('tr', {}, ['Agent', 'Batch', 'State', 'Message', 'Before', 'Updated'].map((t) => h('th', { scope: 'col' }, t)))),
            h(
              'tbody',
              {},
              r.agents.length
                ? r.agents.map((a) =>
                    h(
                      'tr',
                      { dataset: { uid: a.instanceUid, state: a.state } },
                      h('td', {}, h('a', { href: `#/agents/${encodeURIComponent(a.instanceUid)}`, class: 'agent-link' }, names.get(a.instanceUid) || a.instanceUid), h('div', { class: 'uid mono' }, a.instanceUid)),
                      h('td', {}, a.batch === 0 ? 'canary' : String(a.batch)),
                      h('td', { dataset: { col: 'state' } }, agentStatePill(a.state)),
                      h('td', {}, a.message || h('span', { class: 'muted' }, '—')),
                      h('td', { class: 'mono small' }, a.previousVersion || '—'),
                      h('td', { class: 'nowrap' }, dateTime(a.updatedAt)),
                    ),
                  )
                : h('tr', {}, h('td', { colspan: '6', class: 'empty' }, 'No agents matched the selector.')),
            ),
          ),
        ),
      ),
    );
    if (hadFocus) root.querySelector('h1').focus({ preventScroll: true });
  }

  const reload = throttle(() => !view.closed && load(), 500);
  view.onRollout = (r) => r && r.id === id && reload();
  view.refresh = load;
  view.unmount = () => {
    view.closed = true;
    reload.cancel();
  };
  load();
  return view;
}

function startForm(root, ctx, params) {
  const view = {};
  if (!ctx.can('operator')) {
    replace(root, h('h1', { tabindex: '-1' }, 'Start a rollout'), h('p', { class: 'form-error', role: 'alert' }, 'Starting a rollout needs the operator role.'));
    return view;
  }
  const configSelect = h('select', { required: true });
  const versionSelect = h('select', { required: true });
  const selector = h('input', { type: 'text', placeholder: 'env=prod, role=web', autocomplete: 'off', value: params.get('selector') || '' });
  const numberInput = (value, min = 0) => h('input', { type: 'number', min: String(min), value: String(value), inputmode: 'numeric' });
  const share = (value, placeholder) => h('input', { type: 'text', value, placeholder, autocomplete: 'off' });
  const canary = share('1', '1 or 10%');
  const batchSize = share('25%', 'empty: all the rest');
  const pauseSeconds = numberInput(30);
  const healthySeconds = numberInput(30);
  const timeoutSeconds = numberInput(300, 1);
  const maxFailures = share('0', '0 or 5%');
  const preview = h('div', { class: 'preview', id: 'selector-preview', role: 'status', 'aria-live': 'polite' });
  const error = h('div', { class: 'form-error', role: 'alert', id: 'rollout-error' });

  const selectorParam = () =>
    Object.entries(parseSelector(selector.value))
      .map(([k, v]) => `${k}=${v}`)
      .join(',');

  async function showPreview() {
    try {
      const page = await api.get(`/agents${query({ selector: selectorParam(), limit: 20 })}`);
      if (view.closed) return;
      const more = page.total - page.items.length;
      replace(
        preview,
        h('p', { class: 'preview-count' }, h('strong', { id: 'preview-count' }, number(page.total)), ` agent${page.total === 1 ? '' : 's'} match ${selectorText(parseSelector(selector.value))}.`),
        page.items.length
          ? h(
              'p',
              { class: 'chips preview-names' },
              page.items.map((a) => h('span', { class: 'chip' }, a.name)),
              more > 0 ? h('span', { class: 'muted small' }, `and ${number(more)} more`) : null,
            )
          : null,
      );
    } catch (e) {
      if (!view.closed) replace(preview, h('p', { class: 'form-error' }, e.message));
    }
  }
  selector.addEventListener('input', debounce(showPreview, 250));

  async function loadVersions(selected) {
    if (!configSelect.value) return;
    try {
      const versions = await api.get(`/configs/${encodeURIComponent(configSelect.value)}/versions`);
      replace(
        versionSelect,
        versions.map((v) => h('option', { value: String(v.version), selected: String(v.version) === String(selected) }, `v${v.version}${v.message ? ` · ${v.message}` : ''}`)),
      );
    } catch (e) {
      error.textContent = e.message;
    }
  }
  configSelect.addEventListener('change', () => loadVersions(null));

  const shareValue = (input) => {
    const v = input.value.trim();
    if (!v) return undefined;
    return /%$/.test(v) ? v : Number(v);
  };

  async function submit(e) {
    e.preventDefault();
    const sel = parseSelector(selector.value);
    const ok = await confirmDialog({
      title: `Roll out ${configSelect.value}@${versionSelect.value}?`,
      message: `To ${preview.querySelector('#preview-count') ? preview.querySelector('#preview-count').textContent : 'the'} agents matching ${selectorText(sel)}.`,
      confirmLabel: 'Start rollout',
    });
    if (!ok) return;
    try {
      const r = await api.post('/rollouts', {
        config: configSelect.value,
        version: Number(versionSelect.value),
        selector: sel,
        strategy: {
          canary: shareValue(canary),
          batchSize: shareValue(batchSize),
          pauseSeconds: Number(pauseSeconds.value),
          healthySeconds: Number(healthySeconds.value),
          timeoutSeconds: Number(timeoutSeconds.value),
          maxFailures: shareValue(maxFailures),
        },
      });
      toast(`Rollout ${r.id} started.`, 'success');
      location.hash = `#/rollouts/${encodeURIComponent(r.id)}`;
    } catch (err) {
      error.textContent = err.status === 409 ? `Refused: ${err.message}` : err.message;
    }
  }

  replace(
    root,
    h(
      'div',
      { class: 'page-head' },
      h('nav', { class: 'crumbs', 'aria-label': 'Breadcrumb' }, h('a', { href: '#/rollouts' }, 'Rollouts'), ' › New'),
      h('h1', { tabindex: '-1' }, 'Start a rollout'),
      h('p', { class: 'muted' }, 'Offers one config version to the agents a selector matches: a canary first, then batches; too many failures pause it.'),
    ),
    h(
      'form',
      { class: 'card push-form', id: 'rollout-form', 'aria-label': 'Start a rollout', onsubmit: submit },
      h('h2', {}, 'What and where'),
      h('div', { class: 'form-grid' }, field('Config', configSelect), field('Version', versionSelect)),
      field('Selector', selector, 'Labels or attributes every agent must have, as key=value pairs separated by commas. Empty: every agent.'),
      preview,
      h('h2', {}, 'Strategy'),
      h(
        'div',
        { class: 'form-grid' },
        field('Canary', canary, 'Agents first, on their own: a count or a percentage.'),
        field('Batch size', batchSize, 'Agents per batch after the canary.'),
        field('Pause between batches (seconds)', pauseSeconds),
        field('Healthy for (seconds)', healthySeconds, 'How long an agent must run the version healthy to count as done.'),
        field('Timeout (seconds)', timeoutSeconds, 'An agent not done by then counts as timed out.'),
        field('Failures tolerated', maxFailures, 'One more failed or timed-out agent pauses the rollout.'),
      ),
      error,
      h('div', { class: 'form-actions' }, h('a', { class: 'btn', href: '#/rollouts' }, 'Cancel'), h('button', { type: 'submit', class: 'btn btn-primary' }, 'Start rollout')),
    ),
  );

  (async () => {
    try {
      const configs = await api.get('/configs');
      if (view.closed) return;
      const wanted = params.get('config');
      replace(
        configSelect,
        configs.filter((c) => !c.implicit || c.name === wanted).map((c) => h('option', { value: c.name, selected: c.name === wanted }, c.name)),
      );
      await loadVersions(params.get('version'));
    } catch (e) {
      error.textContent = e.message;
    }
  })();
  showPreview();
  view.unmount = () => {
    view.closed = true;
  };
  return view;
}
