/**
 * The hook child: the only process that touches the display. It exists because uiohook-napi takes
 * its process down when there is no display (import exits with 1, `start()` aborts with 134): here
 * that costs a restart by the supervisor, never the agent. It loads uiohook-napi only after an X
 * connection (the focus tracker's) has succeeded, stamps events with epoch time and writes them to
 * stdout as fixed binary records (capture/raw-wire.ts), a few milliseconds' worth per write. It
 * exits when its parent goes (stdin closes) and with a HOOK_EXIT code when the display goes.
 * Nothing is filtered here: the parent's normaliser and scope gate decide what is kept.
 *
 * It runs as plain JavaScript (capture/hook-child-build.ts compiles it), so it imports only
 * capture/ modules without side effects beyond this file, and no `@steno/*` package.
 */
import { startFocusTracker } from './focus-tracker.ts';
import { HOOK_EXIT, MOD_ALT, MOD_CTRL, MOD_META, MOD_SHIFT, type RawInput } from './raw-input.ts';
import { RawWriter } from './raw-wire.ts';

const FLUSH_MS = 8;

interface HookEvent {
  type: number;
  time: number;
  shiftKey: boolean;
  ctrlKey: boolean;
  altKey: boolean;
  metaKey: boolean;
  keycode?: number;
  button?: unknown;
  x?: number;
  y?: number;
  rotation?: number;
  direction?: number;
}

const out = new RawWriter();
let timer: NodeJS.Timeout | undefined;

function flush(): void {
  clearTimeout(timer);
  timer = undefined;
  if (out.length > 0) process.stdout.write(out.take());
}

/** After an input record: written within FLUSH_MS, or at once when the buffer is full. */
function queued(): void {
  if (out.full()) flush();
  else timer ??= setTimeout(flush, FLUSH_MS);
}

/** A rare message (focus, ready, error): written at once, after the input before it. */
function send(message: RawInput): void {
  flush();
  out.json(message);
  flush();
}

function fail(code: keyof typeof HOOK_EXIT): never {
  send(['error', code]);
  process.exit(HOOK_EXIT[code]);
}

process.stdin.on('end', () => process.exit(0));
process.on('SIGTERM', () => process.exit(0));
process.stdin.on('error', () => process.exit(0));
process.stdin.resume();
process.stdout.on('error', () => process.exit(0));

if (!process.env.DISPLAY) fail('NO_DISPLAY');

try {
  await startFocusTracker({
    onChanging: () => send(['fx', Date.now()]),
    onFocus: (info) =>
      send(
        !info
          ? ['f0', Date.now()]
          : info.screen
            ? ['f', Date.now(), info.app, info.title, info.pid, info.screen.w, info.screen.h]
            : ['f', Date.now(), info.app, info.title, info.pid],
      ),
    onLost: () => fail('DISPLAY_LOST'),
  });
} catch {
  fail('DISPLAY_UNREACHABLE');
}

// X-server milliseconds → epoch milliseconds; re-anchored if the two clocks drift apart.
let offset: number | undefined;
function stamp(time: number): number {
  const now = Date.now();
  let t = offset === undefined ? Number.NaN : time + offset;
  if (!(Math.abs(now - t) < 250)) {
    offset = now - time;
    t = now;
  }
  return Math.min(t, now);
}

function mask(e: HookEvent): number {
  return (
    (e.shiftKey ? MOD_SHIFT : 0) |
    (e.ctrlKey ? MOD_CTRL : 0) |
    (e.altKey ? MOD_ALT : 0) |
    (e.metaKey ? MOD_META : 0)
  );
}

try {
  const { uIOhook } = await import('uiohook-napi');
  uIOhook.on('input', (raw) => {
    const e = raw as unknown as HookEvent;
    switch (e.type) {
      case 4:
      case 5:
        out.key(stamp(e.time), e.type === 4, e.keycode ?? 0, mask(e));
        break;
      case 7:
      case 8:
        out.button(stamp(e.time), e.type === 7, Number(e.button) || 0, e.x ?? 0, e.y ?? 0, mask(e));
        break;
      case 9:
      case 10:
        out.move(stamp(e.time), e.x ?? 0, e.y ?? 0);
        break;
      case 11:
        out.wheel(stamp(e.time), e.x ?? 0, e.y ?? 0, e.rotation ?? 0, e.direction ?? 3, mask(e));
        break;
      default:
        // 6 (clicked) repeats a press/release pair already sent.
        return;
    }
    queued();
  });
  uIOhook.start();
} catch {
  fail('HOOK_FAILED');
}
send(['ready', Date.now()]);
