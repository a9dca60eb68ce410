/**
 * Test support: Debian's Chromium, headful on a test display, with the Steno extension built with a
 * fresh key and its native messaging host registered in the profile for one agent's data folder.
 */
import { generateKeyPairSync } from 'node:crypto';
import { join } from 'node:path';
import { buildExtension, extensionIdFromKey } from '@steno/extension';
import { type BrowserContext, chromium } from 'playwright-core';
import { installNativeHost } from '../../packages/agent/src/browser/native-host-install.ts';
import { waitFor } from './wait-for.ts';

export const CHROMIUM = '/usr/bin/chromium';

/** Launches Chromium (at 0,0, 1000×700) with the extension talking to the agent of `dataDir`. */
export async function launchChromiumWithExtension(options: {
  /** A folder for the extension, the profile and the host's launcher. */
  dir: string;
  /** The agent's data folder (its control port and secret). */
  dataDir: string;
  /** The display's environment. */
  env: NodeJS.ProcessEnv;
}): Promise<BrowserContext> {
  const { dir, dataDir } = options;
  const key = generateKeyPairSync('rsa', { modulusLength: 2048 })
    .publicKey.export({ type: 'spki', format: 'der' })
    .toString('base64');
  const extDir = await buildExtension({ outDir: join(dir, 'extension'), key });
  const profile = join(dir, 'profile');
  await installNativeHost({
    manifestDir: join(profile, 'NativeMessagingHosts'),
    launcherPath: join(dir, 'steno-native-host'),
    dataDir,
    extensionIds: [extensionIdFromKey(key)],
  });
  return chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: false,
    env: { ...options.env },
    viewport: null,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--window-position=0,0',
      '--window-size=1000,700',
      `--disable-extensions-except=${extDir}`,
      `--load-extension=${extDir}`,
    ],
  });
}

/** Waits until the extension's service worker says it is capturing (it reached the agent). */
export async function extensionCapturing(context: BrowserContext, timeoutMs: number): Promise<void> {
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  await waitFor(
    async () =>
      (
        (await worker.evaluate(() =>
          (globalThis as unknown as { stenoState: () => { capture: string } }).stenoState(),
        )) as { capture: string }
      ).capture === 'capturing',
    timeoutMs,
    'the extension reaching the agent',
  );
}
