/**
 * Test support: the real X11 desktop (Xvfb, openbox, xterm windows, xdotool input) shared with the
 * frames package, whose test support has it (the agent depends on frames, not the other way round).
 */
export {
  sleep,
  X11_SKIP_MESSAGE,
  X11Desktop,
  x11Available,
} from '../../../frames/src/test-support/x11-desktop.ts';
