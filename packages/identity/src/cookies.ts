/**
 * The two cookies of Steno's sign-in. The session cookie is HttpOnly, Secure and SameSite=Strict,
 * with the `__Host-` prefix (host-only, Path=/, Secure: a sibling subdomain cannot plant or
 * overwrite it). The sign-in cookie, which carries only the id of a pending OIDC sign-in for ten
 * minutes, must be SameSite=Lax: the provider's redirect back is a cross-site navigation, on which
 * browsers do not send Strict cookies. `secure: false` is for plain-http development on loopback.
 */
import { IdentityError } from './identity-error.ts';

export interface CookieOptions {
  /** Served over https (always, except local development on loopback). */
  secure: boolean;
}

export function sessionCookieName({ secure }: CookieOptions): string {
  return secure ? '__Host-steno_session' : 'steno_session';
}

export function signInCookieName({ secure }: CookieOptions): string {
  return secure ? '__Host-steno_signin' : 'steno_signin';
}

/** `Set-Cookie` value for a session id; the session lives at most `maxAgeSeconds` in the browser. */
export function sessionCookie(id: string, options: CookieOptions & { maxAgeSeconds?: number }): string {
  const maxAge = options.maxAgeSeconds === undefined ? [] : [`Max-Age=${Math.floor(options.maxAgeSeconds)}`];
  return serialise(sessionCookieName(options), checkedValue(id), 'Strict', options.secure, maxAge);
}

/** `Set-Cookie` value that removes the session cookie (sign-out). */
export function clearSessionCookie(options: CookieOptions): string {
  return serialise(sessionCookieName(options), '', 'Strict', options.secure, ['Max-Age=0']);
}

/** `Set-Cookie` value for the id of a pending sign-in (see pending-sign-ins.ts). */
export function signInCookie(id: string, options: CookieOptions & { maxAgeSeconds?: number }): string {
  const maxAge = `Max-Age=${Math.floor(options.maxAgeSeconds ?? 600)}`;
  return serialise(signInCookieName(options), checkedValue(id), 'Lax', options.secure, [maxAge]);
}

export function clearSignInCookie(options: CookieOptions): string {
  return serialise(signInCookieName(options), '', 'Lax', options.secure, ['Max-Age=0']);
}

/**
 * The value of cookie `name` in a `Cookie` request header. A name sent twice (a planted cookie
 * beside the real one) yields undefined rather than a guess.
 */
export function readCookie(cookieHeader: string | undefined, name: string): string | undefined {
  if (cookieHeader === undefined) return undefined;
  const values: string[] = [];
  for (const part of cookieHeader.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) values.push(part.slice(eq + 1).trim());
  }
  return values.length === 1 && /^[A-Za-z0-9_-]{1,128}$/.test(values[0] as string) ? values[0] : undefined;
}

function serialise(
  name: string,
  value: string,
  sameSite: 'Strict' | 'Lax',
  secure: boolean,
  extra: string[],
) {
  return [
    `${name}=${value}`,
    'Path=/',
    ...extra,
    'HttpOnly',
    ...(secure ? ['Secure'] : []),
    `SameSite=${sameSite}`,
  ].join('; ');
}

function checkedValue(id: string): string {
  if (!/^[A-Za-z0-9_-]{32,128}$/.test(id)) {
    throw new IdentityError('IDENTITY_CONFIG_INVALID', 'A cookie value must be a base64url token.');
  }
  return id;
}
