/**
 * Test support: Debian's Chromium with the Steno extension built with a fresh key, and its native
 * messaging host registered in the profile for one agent's data folder. Used by this package's
 * browser harness (headless) and the end-to-end tests under test/ (headful on a test display).
 */
import { generateKeyPairSync } from 'node:crypto';
import { join } from 'node:path';
import { installNativeHost } from '@steno/agent';
import { type BrowserContext, chromium } from 'playwright-core';
import { buildExtension, extensionIdFromKey } from '../build-extension.ts';

export const CHROMIUM = '/usr/bin/chromium';

/** Flags that keep Chromium from reaching out or updating itself during a test or a bench. */
export const QUIET_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export async function launchChromiumWithExtension(options: {
  /** A folder for the extension, the profile and the host's launcher. */
  dir: string;
  /** The agent's data folder (its control port and secret). */
  dataDir: string;
  /** Headless (`--headless=new`), or headful on the display `env` names. */
  headless: boolean;
  env?: NodeJS.ProcessEnv;
  /** More flags (a window's place and size, say). */
  args?: string[];
}): Promise<{ context: BrowserContext; extensionId: string }> {
  const { dir, dataDir } = options;
  const key = generateKeyPairSync('rsa', { modulusLength: 2048 })
    .publicKey.export({ type: 'spki', format: 'der' })
    .toString('base64');
  const extensionId = extensionIdFromKey(key);
  const extDir = await buildExtension({ outDir: join(dir, 'extension'), key });
  const profile = join(dir, 'profile');
  await installNativeHost({
    manifestDir: join(profile, 'NativeMessagingHosts'),
    launcherPath: join(dir, 'steno-native-host'),
    dataDir,
    extensionIds: [extensionId],
  });
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: options.headless,
    ...(options.env ? { env: { ...options.env } } : {}),
    ...(options.headless ? {} : { viewport: null }),
    args: [
      ...(options.headless ? ['--headless=new'] : []),
      ...QUIET_FLAGS,
      ...(options.args ?? []),
      `--disable-extensions-except=${extDir}`,
      `--load-extension=${extDir}`,
    ],
  });
  return { context, extensionId };
}
