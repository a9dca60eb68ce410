/**
 * Expected outcomes of @steno/identity are values, not exceptions: a denied sign-in, a used
 * invitation or a wrong password is a `{ ok: false, error }` the HTTP edge maps to a status.
 */

export type Result<T, E extends { code: string }> = { ok: true; value: T } | { ok: false; error: E };

export function ok<T>(value: T): { ok: true; value: T } {
  return { ok: true, value };
}

export function fail<E extends { code: string }>(error: E): { ok: false; error: E } {
  return { ok: false, error };
}
