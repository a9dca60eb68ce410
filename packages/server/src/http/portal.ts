/**
 * The web portal, served by the Steno server on its own origin: the files Vite built into
 * packages/portal/dist, and on every response the headers that keep the page locked down — a
 * strict Content-Security-Policy (only our own scripts, styles and connections; no inline script,
 * no framing), no MIME sniffing, no referrer.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

export const PORTAL_DIR = fileURLToPath(new URL('../../../portal/dist', import.meta.url));

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=()',
};

const NOT_BUILT =
  '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Steno</title></head><body><h1>Steno</h1><p>The portal is not built yet: run <code>npm run build</code> (npm install does it) and reload.</p></body></html>';

/** Security headers on every response the app sends (API, portal and errors alike). Call first. */
export function addSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onSend', async (_req, reply, payload) => {
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) if (!reply.hasHeader(k)) reply.header(k, v);
    return payload;
  });
}

export function registerPortal(app: FastifyInstance, dir = PORTAL_DIR): void {
  if (existsSync(join(dir, 'index.html'))) {
    app.register(fastifyStatic, {
      root: dir,
      prefix: '/',
      index: ['index.html'],
      wildcard: false,
      cacheControl: true,
      maxAge: 0,
      setHeaders: (res, path) => {
        // Hashed asset names may be cached for long; the page itself never.
        res.header(
          'cache-control',
          path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
        );
      },
    });
  } else {
    app.get('/', async (_req, reply) => reply.type('text/html; charset=utf-8').status(503).send(NOT_BUILT));
  }
}
