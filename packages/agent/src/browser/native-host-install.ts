/**
 * Registers the native messaging host with Chromium: a launcher script (which fixes the agent's
 * data directory and the allowed extension) and the host manifest Chromium reads, naming the one
 * extension id allowed to start it. Per user on Linux: ~/.config/chromium/NativeMessagingHosts
 * (Google Chrome: ~/.config/google-chrome/NativeMessagingHosts); a browser started with
 * --user-data-dir=DIR reads DIR/NativeMessagingHosts.
 */
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { NATIVE_HOST_NAME } from './native-host.ts';

export interface NativeHostInstall {
  /** The NativeMessagingHosts directory to write the manifest into. */
  manifestDir: string;
  /** Where to write the launcher script (executable). */
  launcherPath: string;
  /** The agent's data directory (control.json, control.secret). */
  dataDir: string;
  /** Extension ids allowed to connect (32 letters a-p each). */
  extensionIds: readonly string[];
  /** The node binary; default the one running now. */
  node?: string | undefined;
}

/** Writes the launcher and the host manifest; returns the manifest's path. */
export async function installNativeHost(install: NativeHostInstall): Promise<string> {
  for (const id of install.extensionIds) {
    if (!/^[a-p]{32}$/.test(id)) throw new TypeError('an extension id is 32 letters a-p');
  }
  const origins = install.extensionIds.map((id) => `chrome-extension://${id}/`);
  // Built JavaScript runs as is; from the sources (development, tests) through the tsx loader.
  const built = import.meta.url.endsWith('.js');
  const main = fileURLToPath(
    new URL(built ? './native-host-main.js' : './native-host-main.ts', import.meta.url),
  );
  const quote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;
  const launcher = [
    '#!/bin/sh',
    '# Steno native messaging host: started by Chromium for the Steno extension only.',
    `exec ${quote(install.node ?? process.execPath)} ${built ? '' : `--conditions=development --import ${quote(createRequire(import.meta.url).resolve('tsx'))} `}${quote(main)} --data-dir ${quote(install.dataDir)} ${origins.map((o) => `--allow ${quote(o)}`).join(' ')} "$@"`,
    '',
  ].join('\n');
  await writeFile(install.launcherPath, launcher, { mode: 0o755 });
  await chmod(install.launcherPath, 0o755);
  await mkdir(install.manifestDir, { recursive: true });
  const manifestPath = join(install.manifestDir, `${NATIVE_HOST_NAME}.json`);
  const manifest = {
    name: NATIVE_HOST_NAME,
    description: 'Steno agent bridge for the Steno browser extension',
    path: install.launcherPath,
    type: 'stdio',
    allowed_origins: origins,
  };
  await writeFile(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
  return manifestPath;
}
