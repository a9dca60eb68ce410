/**
 * JSON POST to the Steno server with a timeout, classified into an outcome value: a parsed
 * 2xx body, an HTTP error with the server's error code, or a network failure (which includes
 * timeouts, dropped connections and unreadable responses). It never throws.
 */

export type PostOutcome =
  | { ok: true; status: number; body: unknown }
  | { ok: false; kind: 'http'; status: number; code: string | undefined }
  | { ok: false; kind: 'network'; reason: string };

export interface PostOptions {
  timeoutMs: number;
  /** Aborts the request early (e.g. the agent is stopping). */
  signal?: AbortSignal;
}

/** Joins a server base URL and an API path, keeping any path prefix of the base. */
export function apiUrl(server: string, path: string): string {
  return `${server.replace(/\/+$/, '')}${path}`;
}

export async function postJson(url: string, body: string, options: PostOptions): Promise<PostOutcome> {
  const signals = [AbortSignal.timeout(options.timeoutMs)];
  if (options.signal) signals.push(options.signal);
  let response: Response;
  let text: string;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
      signal: AbortSignal.any(signals),
    });
    text = await response.text();
  } catch (err) {
    return { ok: false, kind: 'network', reason: describeNetworkError(err) };
  }
  let parsed: unknown;
  try {
    parsed = text === '' ? undefined : JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  if (response.ok) {
    if (parsed === undefined) return { ok: false, kind: 'network', reason: 'UNREADABLE_RESPONSE' };
    return { ok: true, status: response.status, body: parsed };
  }
  return { ok: false, kind: 'http', status: response.status, code: errorCodeOf(parsed) };
}

/**
 * The `error.code` of an `ErrorResponse`, read loosely: a code this agent does not know yet
 * (a newer server) is still reported, and is then treated as retryable by the caller.
 */
function errorCodeOf(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null || !('error' in body)) return undefined;
  const error = body.error;
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  const code = error.code;
  return typeof code === 'string' && /^[A-Z][A-Z0-9_]{0,63}$/.test(code) ? code : undefined;
}

/** A short, payload-free UPPER_SNAKE reason for logs and status (e.g. TIMEOUT, ECONNRESET). */
function describeNetworkError(err: unknown): string {
  if (err instanceof Error) {
    if (err.name === 'TimeoutError') return 'TIMEOUT';
    if (err.name === 'AbortError') return 'ABORTED';
    const cause = err.cause;
    if (cause && typeof cause === 'object' && 'code' in cause && typeof cause.code === 'string') {
      if (/^[A-Z][A-Z0-9_]{0,63}$/.test(cause.code)) return cause.code;
    }
  }
  return 'NETWORK';
}
