/**
 * Builds the unpacked Manifest V3 extension with esbuild: the content script (with @steno/privacy
 * bundled in, so typed text is filtered inside the page), the service worker and the popup, plus
 * the manifest. `key` (a base64 SubjectPublicKeyInfo) pins the extension id, which the native
 * messaging host's manifest names; without one Chromium derives the id from the directory path.
 */
import { createHash } from 'node:crypto';
import { copyFile, mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';

const PACKAGE_DIR = fileURLToPath(new URL('..', import.meta.url));
export const DEFAULT_OUT_DIR = join(PACKAGE_DIR, 'unpacked');

export interface BuildOptions {
  outDir?: string | undefined;
  /** Base64 DER public key for the manifest `key` (fixes the extension id). */
  key?: string | undefined;
  /** Minified bundles (the default: less for every page to parse); false for readable output. */
  minify?: boolean | undefined;
}

/**
 * The names the extension takes from @steno/privacy, each a stub that loads the package on first
 * call. esbuild bundles a `require`d ES module graph as lazily initialised modules, so the privacy
 * filter's tables (token formats, literal tables, the name lexicon) are built when a page first
 * needs them — on an in-scope page at its first event — and never on a page whose level stays
 * `none` (out of scope, paused, no lease), which then pays only for parsing the script. The two
 * modules are required by path (the package entry would bring every module of the package, and
 * each one's tables, where the static import took only what these two use); a name the extension
 * imports and this list lacks fails the build.
 */
const LAZY_PRIVACY_SOURCE = `
let filter;
let text;
export const createPrivacyFilter = (...args) =>
  (filter ??= require('../privacy/src/privacy-filter.ts')).createPrivacyFilter(...args);
export const redactText = (...args) => (text ??= require('../privacy/src/redact-text.ts')).redactText(...args);
`;

const lazyPrivacy: Plugin = {
  name: 'steno-lazy-privacy',
  setup(b) {
    b.onResolve({ filter: /^@steno\/privacy$/ }, (args) =>
      args.pluginData === 'steno-lazy-privacy'
        ? undefined
        : { path: 'lazy-privacy', namespace: 'steno-lazy' },
    );
    b.onLoad({ filter: /.*/, namespace: 'steno-lazy' }, () => ({
      contents: LAZY_PRIVACY_SOURCE,
      resolveDir: PACKAGE_DIR,
      loader: 'js',
      pluginData: 'steno-lazy-privacy',
    }));
  },
};

/** The extension id Chromium derives from a manifest key: SHA-256 of the key, first 32 hex digits as a-p. */
export function extensionIdFromKey(key: string): string {
  const hex = createHash('sha256').update(Buffer.from(key, 'base64')).digest('hex').slice(0, 32);
  return [...hex].map((c) => String.fromCharCode(97 + Number.parseInt(c, 16))).join('');
}

export function manifest(key?: string): Record<string, unknown> {
  return {
    manifest_version: 3,
    name: 'Steno',
    version: '0.1.0',
    description:
      'Records your actions on work websites in Steno’s capture scope, with your consent; secrets and personal data are removed first.',
    ...(key ? { key } : {}),
    // Never in private windows: the extension cannot even be enabled there.
    incognito: 'not_allowed',
    minimum_chrome_version: '116',
    permissions: ['nativeMessaging', 'tabs'],
    host_permissions: ['http://*/*', 'https://*/*'],
    background: { service_worker: 'service-worker.js' },
    action: { default_title: 'Steno', default_popup: 'popup.html' },
    content_scripts: [
      {
        matches: ['http://*/*', 'https://*/*'],
        js: ['content-script.js'],
        run_at: 'document_start',
        all_frames: false,
      },
    ],
  };
}

/** Builds into `outDir` (default packages/extension/unpacked) and returns the directory. */
export async function buildExtension(options: BuildOptions = {}): Promise<string> {
  const outDir = options.outDir ?? DEFAULT_OUT_DIR;
  await rm(outDir, { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });
  const src = join(PACKAGE_DIR, 'src');
  await build({
    entryPoints: {
      'content-script': join(src, 'content-script.ts'),
      'service-worker': join(src, 'service-worker.ts'),
      popup: join(src, 'popup.ts'),
    },
    outdir: outDir,
    bundle: true,
    format: 'iife',
    platform: 'browser',
    conditions: ['development'],
    target: 'chrome116',
    // STENO_EXTENSION_NO_MINIFY=1: readable bundles wherever the extension is built (a profile's names).
    minify: options.minify ?? process.env.STENO_EXTENSION_NO_MINIFY !== '1',
    legalComments: 'none',
    logLevel: 'silent',
    plugins: [lazyPrivacy],
  });
  await copyFile(join(PACKAGE_DIR, 'static', 'popup.html'), join(outDir, 'popup.html'));
  await writeFile(join(outDir, 'manifest.json'), `${JSON.stringify(manifest(options.key), null, 2)}\n`);
  return outDir;
}
