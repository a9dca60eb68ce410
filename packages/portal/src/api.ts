/**
 * The portal's one way to the server: same-origin fetch with the HttpOnly session cookie, the
 * CSRF token (held in memory only, never in storage) on every change, and the server's error
 * shape turned into a value. A session that ended is reported once to whoever listens (the app
 * sends the person back to sign-in).
 */

export type ApiResult<T> =
  | { ok: true; value: T; status: number }
  | { ok: false; status: number; code: string; message: string };

let csrfToken: string | undefined;
let onSessionEnded: ((code: string) => void) | undefined;

/** Kept in this module's memory only: a reload asks /v1/auth/session for it again. */
export function setCsrfToken(token: string | undefined): void {
  csrfToken = token;
}

export function onSessionEnd(listener: ((code: string) => void) | undefined): void {
  onSessionEnded = listener;
}

const SESSION_ENDED = new Set(['SESSION_EXPIRED', 'UNAUTHENTICATED', 'TOKEN_EXPIRED', 'TOKEN_REVOKED']);

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

async function send(method: Method, path: string, body?: unknown, accept = 'application/json') {
  const headers: Record<string, string> = { accept };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  return fetch(path, {
    method,
    headers,
    credentials: 'same-origin',
    cache: 'no-store',
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
}

async function failure(res: Response, path: string): Promise<ApiResult<never>> {
  let code = `HTTP_${res.status}`;
  let message = res.statusText || 'the request failed';
  try {
    const parsed = (await res.json()) as { error?: { code?: unknown; message?: unknown } };
    if (typeof parsed.error?.code === 'string') code = parsed.error.code;
    if (typeof parsed.error?.message === 'string') message = parsed.error.message;
  } catch {
    // Not JSON: keep the status.
  }
  // The session check itself reports "not signed in" as its answer, not as an ended session.
  if (SESSION_ENDED.has(code) && path !== '/v1/auth/session') onSessionEnded?.(code);
  return { ok: false, status: res.status, code, message };
}

async function call<T>(
  method: Method,
  path: string,
  body: unknown,
  read: (res: Response) => Promise<T>,
  accept?: string,
): Promise<ApiResult<T>> {
  let res: Response;
  try {
    res = await send(method, path, body, accept);
  } catch {
    return { ok: false, status: 0, code: 'NETWORK', message: 'the Steno server cannot be reached' };
  }
  if (!res.ok) return failure(res, path);
  return { ok: true, status: res.status, value: await read(res) };
}

export const api = {
  get: <T>(path: string) => call<T>('GET', path, undefined, (r) => r.json() as Promise<T>),
  text: (path: string) => call<string>('GET', path, undefined, (r) => r.text(), 'text/plain'),
  blob: (path: string) => call<Blob>('GET', path, undefined, (r) => r.blob(), 'application/zip'),
  post: <T>(path: string, body: unknown = {}) => call<T>('POST', path, body, (r) => r.json() as Promise<T>),
  put: <T>(path: string, body: unknown) => call<T>('PUT', path, body, (r) => r.json() as Promise<T>),
  del: <T>(path: string) => call<T>('DELETE', path, undefined, (r) => r.json() as Promise<T>),
};

/** Builds a query string from defined values only. */
export function query(params: Record<string, string | number | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined) q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

// The shapes the portal reads live in their own file.
export type * from './api-shapes.ts';
