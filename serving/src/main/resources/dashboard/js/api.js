// Calls to the service's /v1 API with the signed-in key. The key travels only in the X-Api-Key header
// (never in a URL) and lives only in sessionStorage, so it is gone when the tab closes.
import { language, t } from './i18n.js';

const KEY = 'treue.apiKey';

export function storedKey() {
  return sessionStorage.getItem(KEY);
}

export function storeKey(key) {
  sessionStorage.setItem(KEY, key);
}

export function forgetKey() {
  sessionStorage.removeItem(KEY);
}

/** A refused call: the HTTP status and the problem the service answered (or null). */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem && problem.detail ? problem.detail : `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }

  /** The message for the page, in the page's language; names the field of a 400. */
  text() {
    const field = this.problem && this.problem.errors && this.problem.errors[0] && this.problem.errors[0].field;
    switch (this.status) {
      case 0: return t('error.network');
      case 400: return t('error.invalid', { field: field || '?', detail: this.problem ? this.problem.detail : '' });
      case 401: return t('error.unauthorized');
      case 403: return t('error.forbidden');
      case 404: return t('error.notFound');
      case 429: case 503: return t('error.busy');
      default: return t('error.server', { status: this.status });
    }
  }
}

/** The message to show for any failure of a call. */
export function problemText(e) {
  return e instanceof ApiError ? e.text() : t('error.network');
}

/** A path with its query string; parameters that are null, undefined or '' are left out. */
export function withQuery(path, params = {}) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== null && v !== undefined && v !== '') q.append(k, v);
  }
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}

/** A path segment: every character that is not unreserved is percent-encoded (slashes too). */
export function segment(text) {
  return encodeURIComponent(text);
}

async function call(method, url, accept, key) {
  let response;
  try {
    response = await fetch(url, {
      method,
      cache: 'no-store',
      credentials: 'omit',
      headers: { 'X-Api-Key': key || storedKey() || '', Accept: accept, 'Accept-Language': language() },
    });
  } catch (e) {
    throw new ApiError(0, null);
  }
  if (!response.ok) {
    let problem = null;
    try { problem = await response.json(); } catch (e) { problem = null; }
    throw new ApiError(response.status, problem);
  }
  return response;
}

export async function getJson(url, key) {
  return (await call('GET', url, 'application/json', key)).json();
}

export async function getBlob(url, accept) {
  return (await call('GET', url, accept)).blob();
}

export async function remove(url) {
  return (await call('DELETE', url, 'application/json')).json();
}

/** Saves a blob as a file download (an object URL clicked from a hidden link). */
export function download(blob, filename) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.hidden = true;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}
