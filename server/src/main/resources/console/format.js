// How agent fields read on screen. Every status pill carries text, never colour alone.
import { h } from '/kit/dom.js';

const ROLES = ['viewer', 'operator', 'admin'];

/** Whether `role` may do what `needed` may. */
export function allows(role, needed) {
  return ROLES.indexOf(role) >= ROLES.indexOf(needed) && ROLES.indexOf(needed) >= 0;
}

export function pill(text, tone, title) {
  return h('span', { class: `pill pill-${tone}`, title }, text);
}

const TYPES = {
  'io.fluentbit.fluent-bit': 'Fluent Bit',
  'org.fluentd.fluentd': 'Fluentd',
};

export function attr(agent, key) {
  const d = agent.description || {};
  return (d.identifying && d.identifying[key]) || (d.nonIdentifying && d.nonIdentifying[key]) || '';
}

export function agentType(agent) {
  const name = attr(agent, 'service.name');
  return TYPES[name] || name || 'unknown';
}

export function agentVersion(agent) {
  return attr(agent, 'service.version');
}

export function host(agent) {
  return attr(agent, 'host.name');
}

/** The config version the agent reports, else the short hash of what it was offered. */
export function configVersion(agent) {
  const v = attr(agent, 'config_version') || attr(agent, 'config.version');
  if (v) return v;
  if (agent.remoteConfig && agent.remoteConfig.hash) return agent.remoteConfig.hash.slice(0, 12);
  return '';
}

export function healthPill(agent) {
  const health = agent.health;
  if (!health) return pill('Unknown', 'muted', 'The agent has not reported health');
  if (health.healthy) return pill('Healthy', 'ok', health.status || undefined);
  return pill('Unhealthy', 'bad', health.lastError || health.status || undefined);
}

const CONFIG_TONES = { APPLIED: 'ok', APPLYING: 'info', FAILED: 'bad', UNSET: 'muted' };
const CONFIG_TEXT = { APPLIED: 'Applied', APPLYING: 'Applying', FAILED: 'Failed', UNSET: 'None' };

export function configStatusPill(agent) {
  const s = agent.remoteConfigStatus;
  const status = (s && s.status) || 'UNSET';
  return pill(CONFIG_TEXT[status] || status, CONFIG_TONES[status] || 'muted', s && s.errorMessage);
}

const APPROVAL_TONES = { approved: 'ok', pending: 'warn', blocked: 'bad' };

export function approvalPill(agent) {
  const a = agent.approval || 'approved';
  return pill(a.charAt(0).toUpperCase() + a.slice(1), APPROVAL_TONES[a] || 'muted');
}

/**
 * Connection state with the last-seen thresholds: a connected agent silent for longer than
 * amberSeconds is amber, longer than redSeconds red.
 */
export function lastSeenPill(agent, settings, now = Date.now()) {
  const c = agent.connection;
  if (!c) return pill('Never connected', 'muted');
  const seen = c.lastSeen ? Date.parse(c.lastSeen) : NaN;
  const ago = Number.isNaN(seen) ? '' : relative(seen, now);
  const exact = Number.isNaN(seen) ? undefined : `Last seen ${new Date(seen).toLocaleString()}`;
  if (!c.connected) return pill(ago ? `Offline · ${ago}` : 'Offline', 'muted', exact);
  const silent = Number.isNaN(seen) ? 0 : (now - seen) / 1000;
  const amber = (settings && settings.lastSeenAmberSeconds) || 90;
  const red = (settings && settings.lastSeenRedSeconds) || 300;
  if (silent > red) return pill(`Silent · ${ago}`, 'bad', exact);
  if (silent > amber) return pill(`Late · ${ago}`, 'warn', exact);
  return pill(`Connected · ${ago}`, 'ok', exact);
}

/** "now", "42 s ago", "5 min ago", "3 h ago", "2 d ago". */
export function relative(then, now = Date.now()) {
  const s = Math.max(0, Math.round((now - then) / 1000));
  if (s < 5) return 'now';
  if (s < 60) return `${s} s ago`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ago`;
  const hrs = Math.floor(m / 60);
  if (hrs < 48) return `${hrs} h ago`;
  return `${Math.floor(hrs / 24)} d ago`;
}

export function dateTime(value) {
  if (!value) return '';
  const t = typeof value === 'number' ? value : Date.parse(value);
  return Number.isNaN(t) ? String(value) : new Date(t).toLocaleString();
}

/** Unix nanoseconds (0 = unknown) as local time. */
export function fromNanos(nanos) {
  if (!nanos) return '';
  return new Date(Math.floor(Number(nanos) / 1e6)).toLocaleString();
}

export function labelChips(labels, onPick) {
  const entries = Object.entries(labels || {});
  if (!entries.length) return h('span', { class: 'muted' }, '—');
  return h(
    'span',
    { class: 'chips' },
    entries.map(([k, v]) =>
      onPick
        ? h(
            'button',
            {
              type: 'button',
              class: 'chip',
              title: `Filter by ${k}=${v}`,
              onclick: () => onPick(k, v),
            },
            `${k}=${v}`,
          )
        : h('span', { class: 'chip' }, `${k}=${v}`),
    ),
  );
}

export function number(n) {
  return typeof n === 'number' ? n.toLocaleString() : '–';
}

const DRIFT_TONES = { none: 'ok', pending: 'info', drifted: 'warn', failed: 'bad' };
const DRIFT_TEXT = { none: 'In sync', pending: 'Pending', drifted: 'Drifted', failed: 'Failed' };

/** How the agent's config compares with its desired version; a dash when it has none. */
export function driftPill(agent) {
  const d = agent.drift;
  if (!agent.desiredConfig && (!d || d.state === 'none')) return h('span', { class: 'muted' }, '—');
  const state = (d && d.state) || 'none';
  return pill(DRIFT_TEXT[state] || state, DRIFT_TONES[state] || 'muted', (d && d.detail) || undefined);
}

const ROLLOUT_TONES = { pending: 'muted', running: 'info', paused: 'warn', completed: 'ok', aborted: 'bad', rolled_back: 'warn' };

export function rolloutStatePill(state) {
  return pill(state === 'rolled_back' ? 'Rolled back' : state.charAt(0).toUpperCase() + state.slice(1), ROLLOUT_TONES[state] || 'muted');
}

const AGENT_STATE_TONES = {
  pending: 'muted',
  offered: 'info',
  applied: 'info',
  healthy: 'ok',
  failed: 'bad',
  timed_out: 'bad',
  skipped: 'muted',
  replaced: 'muted',
};

/** A rollout's per-agent state, or an agent history outcome. */
export function agentStatePill(state, title) {
  const text = state === 'timed_out' ? 'Timed out' : state.charAt(0).toUpperCase() + state.slice(1);
  return pill(text, AGENT_STATE_TONES[state] || 'muted', title || undefined);
}

/** "env=prod, role=web" from {env: 'prod', role: 'web'}; "all agents" when empty. */
export function selectorText(selector) {
  const entries = Object.entries(selector || {});
  return entries.length ? entries.map(([k, v]) => `${k}=${v}`).join(', ') : 'all agents';
}

/** {env: 'prod'} from "env = prod, ..."; entries without '=' are ignored. */
export function parseSelector(text) {
  const out = {};
  for (const part of (text || '').split(',')) {
    const i = part.indexOf('=');
    if (i > 0) out[part.slice(0, i).trim()] = part.slice(i + 1).trim();
  }
  return out;
}
