// The gateway's HTTP API, with the operator's token kept for the browser session only.

const TOKEN_KEY = 'contimg.token';
const REVIEWER_KEY = 'contimg.reviewer';

export const session = {
  get token() { return sessionStorage.getItem(TOKEN_KEY); },
  set token(value) { value ? sessionStorage.setItem(TOKEN_KEY, value) : sessionStorage.removeItem(TOKEN_KEY); },
  get reviewer() { return sessionStorage.getItem(REVIEWER_KEY) || ''; },
  set reviewer(value) { sessionStorage.setItem(REVIEWER_KEY, value); },
};

/** An answer other than 2xx, carrying the gateway's own message (which names the field at fault). */
export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

function headers(extra = {}) {
  const all = {Accept: 'application/json', ...extra};
  if (session.token) all.Authorization = `Bearer ${session.token}`;
  return all;
}

async function answer(response) {
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    throw new ApiError(response.status, body.message || `${response.status} ${response.statusText}`);
  }
  return body;
}

/** GET /api/v1/<path>?params, leaving out empty parameters. */
export async function get(path, params = {}) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== null && value !== undefined && value !== '') query.set(key, value);
  }
  const url = `/api/v1/${path}${query.toString() ? `?${query}` : ''}`;
  return answer(await fetch(url, {headers: headers()}));
}

export async function write(method, path, body) {
  return answer(await fetch(`/api/v1/${path}`, {
    method,
    headers: headers({'Content-Type': 'application/json'}),
    body: JSON.stringify(body),
  }));
}

/** Readiness of every owner; a 503 still carries the checks, which is what the overview shows. */
export async function readiness() {
  const response = await fetch('/health/ready', {headers: {Accept: 'application/json'}});
  return response.json();
}

/**
 * Shows an artifact (a preview PNG) in an <img>. It is fetched with the token, as every read is, because a plain
 * src cannot carry one and a hub that guards reads would refuse it.
 */
export async function showArtifact(img, path) {
  const response = await fetch(`/api/v1/artifacts?path=${encodeURIComponent(path)}`, {headers: headers({Accept: 'image/*'})});
  if (!response.ok) throw new ApiError(response.status, `no preview at ${path}`);
  const url = URL.createObjectURL(await response.blob());
  img.addEventListener('load', () => URL.revokeObjectURL(url), {once: true});
  img.src = url;
}

export function sourcePath(sourceId) {
  return `sources/${encodeURIComponent(sourceId)}`;
}
