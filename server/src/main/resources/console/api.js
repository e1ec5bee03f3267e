// The REST API, as the console uses it. Same origin; the session cookie travels by itself.

const BASE = '/api/v1';
let csrfToken = null;

/** An error answer from the API, in its one error shape. */
export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

export function setCsrfToken(token) {
  csrfToken = token || null;
}

/** Fired on window when the server no longer accepts the session (any 401). */
export const SIGNED_OUT = 'flotilla:signed-out';

export async function request(method, path, body) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let response;
  try {
    response = await fetch(BASE + path, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (e) {
    throw new ApiError(0, 'unreachable', `The server cannot be reached (${e.message}).`);
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
    const error = new ApiError(
      response.status,
      err ? err.code : `http_${response.status}`,
      err ? err.message : `${method} ${path} answered ${response.status}`,
    );
    if (response.status === 401 && path !== '/session') {
      window.dispatchEvent(new CustomEvent(SIGNED_OUT));
    }
    throw error;
  }
  return data;
}

export const api = {
  get: (path) => request('GET', path),
  post: (path, body) => request('POST', path, body === undefined ? {} : body),
  put: (path, body) => request('PUT', path, body),
  del: (path) => request('DELETE', path),
};

/** Query string from an object, skipping empty values. */
export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}

export const agentPath = (uid) => `/agents/${encodeURIComponent(uid)}`;

/** The current session, or null when the browser is not signed in. */
export async function loadSession() {
  try {
    return await request('GET', '/session');
  } catch (e) {
    if (e.status === 401) return null;
    throw e;
  }
}

export const signIn = (token) => request('POST', '/session', { token });
export const signOut = () => request('DELETE', '/session');

/** Optional features; an older server without the endpoint has none. */
export async function loadFeatures() {
  try {
    const data = await api.get('/features');
    return (data && data.features) || [];
  } catch (e) {
    if (e.status === 404) return [];
    throw e;
  }
}

/** Declared custom commands; none when the server does not declare any. */
export async function loadCustomCapabilities() {
  try {
    const data = await api.get('/custom-capabilities');
    return (data && data.capabilities) || [];
  } catch (e) {
    if (e.status === 404) return [];
    throw e;
  }
}

/**
 * Opens the live stream. `handlers` has optional agent, removed, event, summary and status
 * callbacks; status receives 'live' or 'reconnecting'. Returns a function that closes it.
 */
export function openStream(handlers) {
  let source = null;
  let closed = false;
  let retry = null;
  const connect = () => {
    source = new EventSource(`${BASE}/stream`, { withCredentials: true });
    source.addEventListener('open', () => handlers.status && handlers.status('live'));
    source.addEventListener('error', () => {
      if (closed) return;
      handlers.status && handlers.status('reconnecting');
      if (source.readyState === EventSource.CLOSED) {
        // the browser gave up (e.g. a 401); try again a little later
        clearTimeout(retry);
        retry = setTimeout(() => !closed && connect(), 5000);
      }
    });
    for (const name of ['agent', 'removed', 'event', 'summary']) {
      source.addEventListener(name, (message) => {
        if (!handlers[name]) return;
        let data;
        try {
          data = JSON.parse(message.data);
        } catch {
          return;
        }
        handlers[name](data);
      });
    }
  };
  connect();
  return () => {
    closed = true;
    clearTimeout(retry);
    if (source) source.close();
  };
}
