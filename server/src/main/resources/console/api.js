// The console's REST calls: the request core (errors, CSRF, session) is /kit/api.js.
import { ROOT, request } from '/kit/api.js';

export const api = {
  get: (path) => request('GET', ROOT + path),
  post: (path, body) => request('POST', ROOT + path, body === undefined ? {} : body),
  put: (path, body) => request('PUT', ROOT + path, body),
  del: (path) => request('DELETE', ROOT + path),
};

export const agentPath = (uid) => `/agents/${encodeURIComponent(uid)}`;

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
 * Opens the live stream. `handlers` has optional agent, removed, event, summary, rollout and status
 * callbacks; status receives 'live' or 'reconnecting'. Returns a function that closes it.
 */
export function openStream(handlers) {
  let source = null;
  let closed = false;
  let retry = null;
  const connect = () => {
    source = new EventSource(`${ROOT}/stream`, { withCredentials: true });
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
    for (const name of ['agent', 'removed', 'event', 'summary', 'rollout']) {
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
