// The editor's REST API (docs/editor-api.md) and the session it may need when mounted.

const ROOT = '/api/v1';
const BASE = `${ROOT}/editor`;
let csrfToken = null;

/** An error answer from the API, in its one error shape. */
export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

/** Fired on window when the server no longer accepts the session (a 401 on a signed-in page). */
export const SIGNED_OUT = 'flotilla:signed-out';

export function setCsrfToken(token) {
  csrfToken = token || null;
}

async function request(method, url, body) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let response;
  try {
    response = await fetch(url, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (e) {
    throw new ApiError(0, 'unreachable', `The editor's server cannot be reached (${e.message}).`);
  }
  if (response.status === 204) return null;
  const text = await response.text();
  let data = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = null;
  }
  if (!response.ok) {
    const err = data && data.error;
    if (response.status === 401 && !url.endsWith('/session')) window.dispatchEvent(new CustomEvent(SIGNED_OUT));
    throw new ApiError(
      response.status,
      err ? err.code : `http_${response.status}`,
      err ? err.message : `${method} ${url} answered ${response.status}`,
    );
  }
  return data;
}

/** Query string from an object, skipping empty values. */
export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}

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

/**
 * The current session: the server's answer; `{auth: false}` when nothing serves sessions (the
 * editor running alone); null when the browser must sign in first.
 */
export async function loadSession() {
  try {
    return await request('GET', `${ROOT}/session`);
  } catch (e) {
    if (e.status === 401) return null;
    if (e.status === 404 || e.status === 405) return { auth: false, role: null, csrfToken: null };
    throw e;
  }
}

export const signIn = (token) => request('POST', `${ROOT}/session`, { token });
