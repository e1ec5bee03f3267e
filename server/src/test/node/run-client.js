// Drives @elastic/opamp-client-node against an OpAMP server for interop tests.
//
//   node run-client.js <endpoint> <seconds> [bearerToken]
//
// Prints one JSON object per line on stdout (the client's own log goes to stderr):
//   {"event":"start","instanceUid":"<uuid>","endpoint":...}
//   {"event":"exchange","a2s":{...},"s2a":{...}}      every request with its 200 reply
//   {"event":"remoteConfig","hash":"<hex>","files":{"<name>":{"contentType":...,"body":...}}}
//   {"event":"fail","err":"...","retryAfterMs":n}     a failed request
//   {"event":"schedule","delayMs":n,"errCount":n}     the client's next send
//   {"event":"shutdown"}
// Bytes are lower-case hex, 64-bit integers are decimal strings. Every remote config is
// acknowledged with APPLIED and its hash. The process exits after <seconds>.
'use strict';

const dc = require('node:diagnostics_channel');
const os = require('node:os');
const {
  createOpAMPClient,
  AgentCapabilities,
  RemoteConfigStatuses,
  DIAG_CH_SEND_SUCCESS,
  DIAG_CH_SEND_FAIL,
  DIAG_CH_SEND_SCHEDULE,
} = require('@elastic/opamp-client-node');

const endpoint = process.argv[2];
const runSeconds = Number(process.argv[3] || 10);
const token = process.argv[4];
if (!endpoint || !(runSeconds > 0)) {
  console.error('usage: node run-client.js <endpoint> <seconds> [bearerToken]');
  process.exit(2);
}

const hex = (u8) => Buffer.from(u8).toString('hex');
const uuid = (u8) => {
  const h = hex(u8);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
};
const plain = (_key, value) => {
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Uint8Array) return hex(value);
  return value;
};
const emit = (obj) => process.stdout.write(JSON.stringify(obj, plain) + '\n');

const log = {};
for (const level of ['trace', 'debug', 'info', 'warn', 'error', 'fatal']) {
  log[level] = (...args) => {
    if (level !== 'trace' && level !== 'debug') {
      console.error(`[client ${level}]`, ...args.map((a) => JSON.stringify(a, plain)));
    }
  };
}
log.child = () => log;

const client = createOpAMPClient({
  endpoint,
  log,
  diagEnabled: true,
  headers: token ? {Authorization: `Bearer ${token}`} : undefined,
  heartbeatIntervalSeconds: 1, // the client ignores the server's interval; poll fast for tests
  capabilities:
    BigInt(AgentCapabilities.AgentCapabilities_AcceptsRemoteConfig) |
    BigInt(AgentCapabilities.AgentCapabilities_ReportsRemoteConfig),
  onMessage: ({remoteConfig}) => {
    if (!remoteConfig) return;
    const files = {};
    for (const [name, f] of Object.entries(remoteConfig.config?.configMap || {})) {
      files[name] = {contentType: f.contentType, body: Buffer.from(f.body).toString('utf8')};
    }
    emit({event: 'remoteConfig', hash: remoteConfig.configHash, files});
    client.setRemoteConfigStatus({
      status: RemoteConfigStatuses.RemoteConfigStatuses_APPLIED,
      lastRemoteConfigHash: remoteConfig.configHash,
    });
  },
});

dc.subscribe(DIAG_CH_SEND_SUCCESS, (m) => emit({event: 'exchange', a2s: m.a2s, s2a: m.s2a}));
dc.subscribe(DIAG_CH_SEND_FAIL, (m) =>
  emit({event: 'fail', err: String(m.err), retryAfterMs: m.retryAfterMs ?? null}));
dc.subscribe(DIAG_CH_SEND_SCHEDULE, (m) =>
  emit({event: 'schedule', delayMs: Math.round(m.delayMs), errCount: m.errCount}));

client.setAgentDescription({
  identifyingAttributes: {'service.name': 'node-opamp-probe', 'service.version': '0.0.1'},
  nonIdentifyingAttributes: {'os.type': process.platform, 'host.name': os.hostname()},
});
client.start();
emit({event: 'start', instanceUid: uuid(client.getInstanceUid()), endpoint});

setTimeout(async () => {
  await client.shutdown();
  emit({event: 'shutdown'});
  process.exit(0);
}, runSeconds * 1000);
