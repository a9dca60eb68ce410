/** Test support: finding windows on a test display and where they are, through xdotool. */
import type { X11Desktop } from '../../packages/agent/src/test-support/x11-desktop.ts';
import { waitFor } from './wait-for.ts';

/** A window's position and size on the screen. */
export async function windowGeometry(
  desktop: X11Desktop,
  id: string,
): Promise<{ x: number; y: number; w: number; h: number }> {
  const out = await desktop.xdotool(['getwindowgeometry', '--shell', id]);
  const v = (k: string) => Number(new RegExp(`^${k}=(-?\\d+)`, 'm').exec(out)?.[1]);
  return { x: v('X'), y: v('Y'), w: v('WIDTH'), h: v('HEIGHT') };
}

/** The first visible window whose title (`--name`) or class (`--class`) matches, once it is mapped. */
export async function visibleWindow(
  desktop: X11Desktop,
  by: '--name' | '--class',
  pattern: string,
  timeoutMs = 20_000,
): Promise<string> {
  let id = '';
  await waitFor(
    async () => {
      const found = await desktop.xdotool(['search', '--onlyvisible', by, pattern]).catch(() => '');
      id = found.trim().split('\n')[0] ?? '';
      return id !== '';
    },
    timeoutMs,
    `window ${pattern}`,
  );
  return id;
}
