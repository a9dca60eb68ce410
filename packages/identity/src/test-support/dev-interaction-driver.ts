/**
 * Plays the browser against oidc-provider's built-in development login and consent pages: follows
 * redirects by hand (keeping the provider's cookies), fills the login form with any username, sends
 * the consent form, and stops at the redirect to the relying party's callback, which it returns.
 */

export async function authorizeWithDevLogin(
  authorizationUrl: string,
  redirectUri: string,
  login = 'alice',
): Promise<URL> {
  const jar = new Map<string, string>();
  let next: { url: string; init: RequestInit } = { url: authorizationUrl, init: { method: 'GET' } };
  for (let step = 0; step < 20; step++) {
    const headers = new Headers(next.init.headers);
    if (jar.size > 0) headers.set('cookie', [...jar].map(([k, v]) => `${k}=${v}`).join('; '));
    const res = await fetch(next.url, { ...next.init, headers, redirect: 'manual' });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const eq = pair?.indexOf('=') ?? -1;
      if (pair !== undefined && eq > 0) jar.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
    }
    const location = res.headers.get('location');
    if (res.status >= 300 && res.status < 400 && location !== null) {
      const target = new URL(location, next.url);
      await res.body?.cancel();
      if (target.href.startsWith(redirectUri)) return target;
      next = { url: target.href, init: { method: 'GET' } };
      continue;
    }
    const html = await res.text();
    if (res.status !== 200) throw new Error(`provider answered ${res.status}: ${html.slice(0, 300)}`);
    const form = parseForm(html);
    if (form === undefined) throw new Error('no form on the provider page');
    if (form.hasLogin) {
      form.fields.set('login', login);
      form.fields.set('password', 'any-password');
    }
    next = {
      url: new URL(form.action, next.url).href,
      init: {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams([...form.fields]).toString(),
      },
    };
  }
  throw new Error('too many steps before the callback');
}

function parseForm(
  html: string,
): { action: string; fields: Map<string, string>; hasLogin: boolean } | undefined {
  const form = /<form[^>]*action="([^"]+)"[^>]*>([\s\S]*?)<\/form>/.exec(html);
  if (form?.[1] === undefined || form[2] === undefined) return undefined;
  const fields = new Map<string, string>();
  for (const input of form[2].matchAll(/<input[^>]*type="hidden"[^>]*name="([^"]+)"[^>]*value="([^"]*)"/g)) {
    if (input[1] !== undefined) fields.set(input[1], decodeEntities(input[2] ?? ''));
  }
  return { action: decodeEntities(form[1]), fields, hasLogin: /name="login"/.test(form[2]) };
}

function decodeEntities(s: string): string {
  return s
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(Number.parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}
