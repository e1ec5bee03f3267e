// The editor's REST API (docs/editor-api.md); the request core and the session are /kit/api.js.
import { ROOT, query, request } from '/kit/api.js';

const BASE = `${ROOT}/editor`;

const get = (path) => request('GET', BASE + path);
const post = (path, body) => request('POST', BASE + path, body);

export const editorApi = {
  info: () => get('/info'),
  schemas: (engine, version) => get(`/schemas${query({ engine, version })}`),
  parse: (document) => post('/documents/parse', document),
  edit: (document, edits) => post('/documents/edit', { document, edits }),
  convert: (document, to) => post('/documents/convert', { document, to }),
  stamp: (document, source) => post('/documents/stamp', { document, source }),
  dryRun: (document) => post('/documents/dry-run', document),
  templates: () => get('/templates'),
  template: (id) => get(`/templates/${encodeURIComponent(id)}`),
  files: () => get('/files'),
  file: (path) => get(`/files/content${query({ path })}`),
  saveFile: (path, document, source, baseHash) => request('PUT', `${BASE}/files/content${query({ path })}`, { document, source, baseHash }),
  agents: () => get('/agents'),
  agentConfig: (uid) => get(`/agents/${encodeURIComponent(uid)}/config`),
};
