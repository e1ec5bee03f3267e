// The console shell: session, navigation, fleet counts, the live stream, and hash routing.
import { SIGNED_OUT, loadSession, setCsrfToken, signOut } from '/kit/api.js';
import { addToastRegions, h, replace, toast } from '/kit/dom.js';
import { logo, showSignIn } from '/kit/signin.js';
import { api, loadFeatures, openStream } from './api.js';
import { mountAgent } from './agent.js';
import { mountApprovals } from './approvals.js';
import { mountConfigs } from './configs.js';
import { mountFleet } from './fleet.js';
import { allows, number } from './format.js';
import { mountRollouts } from './rollouts.js';
import { mountSettings } from './settings.js';

const main = document.getElementById('main');
const topbar = document.getElementById('topbar');
const summaryBar = document.getElementById('summary');
const navList = document.getElementById('nav-list');
const live = document.getElementById('live');
const roleBadge = document.getElementById('role-badge');
const signOutButton = document.getElementById('sign-out');

const state = {
  session: null,
  settings: null,
  features: [],
  summary: null,
  view: null,
  closeStream: null,
};

/** What every view gets. */
const ctx = {
  get session() {
    return state.session;
  },
  can: (role) => !!state.session && allows(state.session.role, role),
  settings: () => state.settings,
  features: () => state.features,
  settingsChanged: (s) => {
    state.settings = { ...state.settings, ...s };
  },
};

async function start() {
  addToastRegions();
  document.querySelector('.brand-mark').replaceWith(logo());
  document.getElementById('skip-link').addEventListener('click', (e) => {
    e.preventDefault();
    main.focus();
  });
  signOutButton.addEventListener('click', async () => {
    try {
      await signOut();
    } catch {
      // signed out locally either way
    }
    leave('You have signed out.');
  });
  window.addEventListener(SIGNED_OUT, () => state.session && leave('Your session has ended. Sign in again.'));
  window.addEventListener('hashchange', route);
  document.addEventListener('keydown', (e) => state.view && state.view.onKey && state.view.onKey(e));

  let session;
  try {
    session = await loadSession();
  } catch (e) {
    replace(main, h('p', { class: 'form-error', role: 'alert' }, `The console cannot start: ${e.message}`));
    return;
  }
  await enter(session || (await showSignIn(main)));
}

async function enter(session) {
  state.session = session;
  setCsrfToken(session.csrfToken);
  roleBadge.textContent = `Role: ${session.role}`;
  signOutButton.hidden = session.auth === false;
  topbar.hidden = false;
  summaryBar.hidden = false;
  try {
    const [settings, features, summary] = await Promise.all([
      api.get('/settings'),
      loadFeatures().catch(() => []),
      api.get('/summary'),
    ]);
    state.settings = settings;
    state.features = features;
    state.summary = summary;
  } catch (e) {
    toast(e.message, 'error');
  }
  renderSummary();
  state.closeStream = openStream({
    status: (s) => {
      const wasDown = live.classList.contains('live-reconnecting');
      live.textContent = s === 'live' ? 'Live' : 'Reconnecting…';
      live.className = `live live-${s}`;
      // changes made while the stream was down were missed: read the page again
      if (s === 'live' && wasDown && state.view && state.view.refresh) state.view.refresh();
    },
    summary: (s) => {
      state.summary = s;
      renderSummary();
    },
    agent: (a) => state.view && state.view.onAgent && state.view.onAgent(a),
    removed: (r) => state.view && state.view.onRemoved && state.view.onRemoved(r),
    event: (e) => state.view && state.view.onEvent && state.view.onEvent(e),
    rollout: (r) => state.view && state.view.onRollout && state.view.onRollout(r),
  });
  route();
}

async function leave(message) {
  if (state.closeStream) state.closeStream();
  state.closeStream = null;
  unmount();
  state.session = null;
  setCsrfToken(null);
  topbar.hidden = true;
  summaryBar.hidden = true;
  delete navList.dataset.built;
  await enter(await showSignIn(main, message));
}

function unmount() {
  if (state.view && state.view.unmount) state.view.unmount();
  state.view = null;
}

/** Builds the navigation once per sign-in; later calls only move aria-current. */
function renderNav(active) {
  if (!navList.dataset.built) {
    const item = (href, text, id, extra) =>
      h('li', {}, h('a', { href, class: 'nav-link', dataset: { section: id } }, text, extra));
    replace(
      navList,
      item('#/agents', 'Fleet', 'agents'),
      item('#/configs', 'Configs', 'configs'),
      item('#/rollouts', 'Rollouts', 'rollouts'),
      item('#/approvals', 'Approvals', 'approvals', h('span', { class: 'badge', id: 'pending-badge', hidden: true })),
      featureLinks(),
      item('#/settings', 'Settings', 'settings'),
    );
    navList.dataset.built = 'true';
  }
  for (const link of navList.querySelectorAll('a[data-section]')) {
    if (link.dataset.section === active) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  const pending = state.summary ? state.summary.pendingApproval : 0;
  const badge = document.getElementById('pending-badge');
  badge.hidden = !pending;
  badge.textContent = String(pending || '');
  badge.setAttribute('aria-label', `${pending} pending`);
}

/** Only same-origin paths and http(s) URLs become links. */
const safeUrl = (url) => typeof url === 'string' && (/^\/(?!\/)/.test(url) || /^https?:\/\//i.test(url));

function featureLinks() {
  return (
    state.features.filter((f) => safeUrl(f.url)).map((f) =>
      h(
        'li',
        {},
        h(
          'a',
          {
            href: f.url,
            class: 'nav-link',
            dataset: { feature: f.name },
            target: f.mounted ? undefined : '_blank',
            rel: f.mounted ? undefined : 'noopener',
          },
          f.title || f.name,
          f.mounted ? null : h('span', { class: 'external', 'aria-label': '(opens in a new tab)' }, ' ↗'),
        ),
      ),
    )
  );
}

const COUNTS = [
  ['total', 'Agents', '#/agents', null],
  ['connected', 'Connected', '#/agents?connected=true', 'ok'],
  ['disconnected', 'Disconnected', '#/agents?connected=false', null],
  ['unhealthy', 'Unhealthy', '#/agents?healthy=false', 'bad'],
  ['failedConfigs', 'Failed configs', '#/agents?configStatus=FAILED', 'bad'],
  ['pendingApproval', 'Pending approval', '#/approvals', 'warn'],
];

/** Builds the counts once, then updates them in place (keeps keyboard focus where it is). */
function renderSummary() {
  const s = state.summary || {};
  if (!summaryBar.firstChild) {
    replace(
      summaryBar,
      h(
        'div',
        { class: 'summary-inner' },
        COUNTS.map(([key, label, href]) => {
          const body = [h('span', { class: 'count-value', dataset: { count: key } }), h('span', { class: 'count-label' }, label)];
          return href ? h('a', { class: 'count', href, dataset: { key } }, body) : h('div', { class: 'count', dataset: { key } }, body);
        }),
      ),
    );
  }
  for (const [key, , , tone] of COUNTS) {
    const el = summaryBar.querySelector(`.count[data-key="${key}"]`);
    el.querySelector('.count-value').textContent = number(s[key]);
    el.className = `count${s[key] && tone ? ` count-${tone}` : ''}`;
  }
  renderNav(currentSection());
}

function currentSection() {
  const path = location.hash.replace(/^#/, '').split('?')[0];
  if (path.startsWith('/approvals')) return 'approvals';
  if (path.startsWith('/configs')) return 'configs';
  if (path.startsWith('/rollouts')) return 'rollouts';
  if (path.startsWith('/settings')) return 'settings';
  return 'agents';
}

function route() {
  if (!state.session) return;
  const raw = location.hash.replace(/^#/, '') || '/agents';
  const [path, search] = raw.split('?');
  const params = new URLSearchParams(search || '');
  const parts = path.split('/').filter(Boolean);
  unmount();
  let title = 'Fleet';
  if (parts[0] === 'agents' && parts[1]) {
    const uid = decodeURIComponent(parts[1]);
    state.view = mountAgent(main, ctx, uid, params);
    title = 'Agent';
  } else if (parts[0] === 'approvals') {
    state.view = mountApprovals(main, ctx);
    title = 'Approvals';
  } else if (parts[0] === 'configs') {
    state.view = mountConfigs(main, ctx, parts.slice(1).map(decodeURIComponent), params);
    title = 'Configs';
  } else if (parts[0] === 'rollouts') {
    state.view = mountRollouts(main, ctx, parts.slice(1).map(decodeURIComponent), params);
    title = 'Rollouts';
  } else if (parts[0] === 'settings') {
    state.view = mountSettings(main, ctx);
    title = 'Settings';
  } else {
    state.view = mountFleet(main, ctx, params);
  }
  document.title = `${title} · Flotilla`;
  renderNav(currentSection());
  const heading = main.querySelector('h1');
  (heading || main).focus({ preventScroll: true });
}

start();
