/**
 * Test support: Debian's Chromium, headful on a test display, with the Steno extension built with a
 * fresh key and its native messaging host registered in the profile for one agent's data folder.
 */
import type { BrowserContext } from 'playwright-core';
import {
  CHROMIUM,
  launchChromiumWithExtension as launch,
} from '../../packages/extension/src/test-support/chromium-with-extension.ts';
import { waitFor } from './wait-for.ts';

export { CHROMIUM };

/** Launches Chromium (at 0,0, 1000×700) with the extension talking to the agent of `dataDir`. */
export async function launchChromiumWithExtension(options: {
  /** A folder for the extension, the profile and the host's launcher. */
  dir: string;
  /** The agent's data folder (its control port and secret). */
  dataDir: string;
  /** The display's environment. */
  env: NodeJS.ProcessEnv;
}): Promise<BrowserContext> {
  const { context } = await launch({
    ...options,
    headless: false,
    args: ['--window-position=0,0', '--window-size=1000,700'],
  });
  return context;
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
