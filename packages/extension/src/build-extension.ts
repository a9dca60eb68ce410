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
import { build } from 'esbuild';

const PACKAGE_DIR = fileURLToPath(new URL('..', import.meta.url));
export const DEFAULT_OUT_DIR = join(PACKAGE_DIR, 'unpacked');

export interface BuildOptions {
  outDir?: string | undefined;
  /** Base64 DER public key for the manifest `key` (fixes the extension id). */
  key?: string | undefined;
  minify?: boolean | undefined;
}

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
    minify: options.minify ?? false,
    legalComments: 'none',
    logLevel: 'silent',
  });
  await copyFile(join(PACKAGE_DIR, 'static', 'popup.html'), join(outDir, 'popup.html'));
  await writeFile(join(outDir, 'manifest.json'), `${JSON.stringify(manifest(options.key), null, 2)}\n`);
  return outDir;
}
