// The request core both pages use: same origin, JSON both ways, the session cookie travels by
// itself. Every error answer comes in the API's one error shape and becomes an ApiError.

export const ROOT = '/api/v1';
const SESSION = `${ROOT}/session`;
let csrfToken = null;

/** An error answer from the API, in its one error shape. */
export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

/** Sent as X-CSRF-Token on every call but GET; null when the session needs none. */
export function setCsrfToken(token) {
  csrfToken = token || null;
}

/** Fired on window when the server no longer accepts the session (any 401 but signing in). */
export const SIGNED_OUT = 'flotilla:signed-out';

/** Calls `url` (a path on this origin, e.g. `/api/v1/agents`); resolves with the JSON answer. */
export async function request(method, url, body) {
  const headers = { Accept: 'application/json' };
  // every call but GET says JSON, body or not: the servers refuse other types there, which keeps
  // plain cross-site form and text posts out
  if (body !== undefined || method !== 'GET') headers['Content-Type'] = 'application/json';
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
    if (response.status === 401 && url !== SESSION) window.dispatchEvent(new CustomEvent(SIGNED_OUT));
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

/**
 * The current session: the server's answer; `{auth: false}` when nothing serves sessions (the
 * editor running alone); null when the browser must sign in first.
 */
export async function loadSession() {
  try {
    return await request('GET', SESSION);
  } catch (e) {
    if (e.status === 401) return null;
    if (e.status === 404 || e.status === 405) return { auth: false, role: null, csrfToken: null };
    throw e;
  }
}

export const signIn = (token) => request('POST', SESSION, { token });
export const signOut = () => request('DELETE', SESSION);
