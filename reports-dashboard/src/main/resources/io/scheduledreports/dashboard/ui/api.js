// The REST API client: same origin, the browser's own session, CSRF token on state-changing calls.

const meta = (name) => document.querySelector(`meta[name="${name}"]`)?.getAttribute('content') || '';

export const API = meta('reports-api');
export const REFRESH_MS = Math.max(1000, Number(meta('reports-refresh-ms')) || 5000);

/**
 * The CSRF header and token: first the <meta name="_csrf_header"> / <meta name="_csrf"> pair the server puts
 * into the page when Spring Security's CSRF protection is on; else the XSRF-TOKEN cookie (Spring Security's
 * CookieCsrfTokenRepository, Angular convention) sent as X-XSRF-TOKEN; else none.
 */
export function csrf() {
  const header = meta('_csrf_header');
  const token = meta('_csrf');
  if (header && token) return [header, token];
  const cookie = document.cookie.match(/(?:^|;\s*)XSRF-TOKEN=([^;]+)/);
  return cookie ? ['X-XSRF-TOKEN', decodeURIComponent(cookie[1])] : null;
}

/** An answer other than 2xx: status and the RFC 9457 problem (with errors[{field, message}]). */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
    this.errors = Array.isArray(problem.errors) ? problem.errors : [];
  }
}

export async function api(method, path, body) {
  const headers = { Accept: 'application/json, application/problem+json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && method !== 'HEAD') {
    const token = csrf();
    if (token) headers[token[0]] = token[1];
  }
  const res = await fetch(API + path, {
    method,
    headers,
    credentials: 'same-origin',
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (res.status === 204) return null;
  const text = await res.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch { json = null; }
  if (!res.ok) throw new ApiError(res.status, json && typeof json === 'object' ? json : { detail: `${res.status} ${res.statusText}` });
  return json;
}

export const get = (path) => api('GET', path);
export const post = (path, body) => api('POST', path, body);
export const put = (path, body) => api('PUT', path, body);
export const del = (path) => api('DELETE', path);

/** Query string from an object, leaving out empty values. */
export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}
