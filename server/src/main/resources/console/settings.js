// Settings: what an admin may change while the server runs, and what the server is.
import { field, h, replace, toast } from '/kit/dom.js';
import { api } from './api.js';

export function mountSettings(root, ctx) {
  const view = {};
  const formBox = h('div');
  const serverBox = h('div');
  replace(
    root,
    h('div', { class: 'page-head' }, h('h1', { tabindex: '-1' }, 'Settings')),
    h('div', { class: 'cards two' }, h('section', { class: 'card', 'aria-labelledby': 'settings-title' }, h('h2', { id: 'settings-title' }, 'Fleet settings'), formBox), h('section', { class: 'card', 'aria-labelledby': 'server-title' }, h('h2', { id: 'server-title' }, 'Server'), serverBox)),
  );

  async function load() {
    try {
      const [settings, server] = await Promise.all([api.get('/settings'), api.get('/server')]);
      if (view.closed) return;
      replace(formBox, form(settings));
      replace(serverBox, serverInfo(server));
    } catch (e) {
      if (!view.closed) replace(formBox, h('p', { class: 'form-error', role: 'alert' }, e.message));
    }
  }

  function form(s) {
    const admin = ctx.can('admin');
    const num = (value, min) => h('input', { type: 'number', min: String(min), step: '1', value: String(value), required: true, disabled: !admin });
    const heartbeat = num(s.heartbeatIntervalSeconds, 1);
    const amber = num(s.lastSeenAmberSeconds, 1);
    const red = num(s.lastSeenRedSeconds, 1);
    const radio = (value, label, hint) =>
      h(
        'label',
        { class: 'radio' },
        h('input', { type: 'radio', name: 'approvalMode', value, checked: s.approvalMode === value, disabled: !admin }),
        h('span', {}, h('strong', {}, label), h('small', { class: 'hint' }, hint)),
      );
    const error = h('p', { class: 'form-error', role: 'alert' });
    const el = h(
      'form',
      {
        class: 'settings-form',
        onsubmit: async (e) => {
          e.preventDefault();
          const body = {
            heartbeatIntervalSeconds: Number(heartbeat.value),
            lastSeenAmberSeconds: Number(amber.value),
            lastSeenRedSeconds: Number(red.value),
            approvalMode: el.querySelector('input[name=approvalMode]:checked').value,
          };
          if (body.lastSeenAmberSeconds >= body.lastSeenRedSeconds) {
            error.textContent = 'The amber threshold must be shorter than the red one.';
            amber.focus();
            return;
          }
          try {
            const saved = await api.put('/settings', body);
            error.textContent = '';
            ctx.settingsChanged(saved || body);
            toast('Settings saved.', 'success');
          } catch (err) {
            error.textContent = err.message;
          }
        },
      },
      admin ? null : h('p', { class: 'notice' }, 'Only an admin can change these settings.'),
      field('Heartbeat interval (seconds)', heartbeat, 'Offered to agents that accept connection settings; HTTP agents poll this often.'),
      h(
        'fieldset',
        { class: 'field' },
        h('legend', {}, 'Communication thresholds'),
        h('div', { class: 'form-grid' }, field('Late after (seconds)', amber, 'Shown amber.'), field('Silent after (seconds)', red, 'Shown red.')),
      ),
      h(
        'fieldset',
        { class: 'field' },
        h('legend', {}, 'Approval of new agents'),
        radio('auto', 'Automatic', 'Agents are approved when they first connect.'),
        radio('manual', 'Human approval', 'Unknown agents wait in Approvals until an operator approves them.'),
      ),
      error,
      admin ? h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'btn btn-primary' }, 'Save settings')) : null,
    );
    return el;
  }

  function serverInfo(s) {
    const caps = Array.isArray(s.capabilities) ? s.capabilities : capabilityNames(s.capabilities);
    const rows = [
      ['Version', s.version],
      ['Heartbeat interval', s.heartbeatIntervalSeconds != null ? `${s.heartbeatIntervalSeconds} s` : '—'],
      ['Largest OpAMP message', s.maxMessageBytes ? `${(s.maxMessageBytes / 1048576).toLocaleString()} MiB` : '—'],
      ['Operator auth', s.auth === false ? 'Off (development mode)' : 'On: API tokens; the console signs in with one'],
      ['Your role', ctx.session.role],
    ];
    return [
      h('dl', { class: 'defs' }, rows.map(([k, v]) => h('div', {}, h('dt', {}, k), h('dd', {}, v == null ? '—' : String(v))))),
      h('h3', {}, 'Server capabilities'),
      caps.length ? h('ul', { class: 'tags' }, caps.map((c) => h('li', {}, c))) : h('p', { class: 'muted' }, 'None reported.'),
      h('h3', {}, 'Optional features'),
      ctx.features().length
        ? h('ul', { class: 'plain' }, ctx.features().map((f) => h('li', {}, `${f.title || f.name} — ${f.mounted ? 'mounted in this server' : 'standalone'} at `, h('span', { class: 'mono' }, f.url))))
        : h('p', { class: 'muted' }, 'None enabled.'),
    ];
  }

  view.unmount = () => {
    view.closed = true;
  };
  load();
  return view;
}

/** The OpAMP ServerCapabilities bits, by name. */
const SERVER_CAPABILITIES = [
  [0x01, 'AcceptsStatus'],
  [0x02, 'OffersRemoteConfig'],
  [0x04, 'AcceptsEffectiveConfig'],
  [0x08, 'OffersPackages'],
  [0x10, 'AcceptsPackagesStatus'],
  [0x20, 'OffersConnectionSettings'],
  [0x40, 'AcceptsConnectionSettingsRequest'],
];

function capabilityNames(bits) {
  if (typeof bits !== 'number') return [];
  return SERVER_CAPABILITIES.filter(([bit]) => (bits & bit) !== 0).map(([, name]) => name);
}
