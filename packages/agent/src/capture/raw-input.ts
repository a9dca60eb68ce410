/**
 * The wire between the hook child and the agent: one compact JSON array a line, times already on
 * the epoch-ms clock. Modifier state travels as a bit mask. Nothing here is sent off the machine:
 * the normaliser and the scope gate turn it into StenoEvents (or nothing).
 */

export const MOD_SHIFT = 1;
export const MOD_CTRL = 2;
export const MOD_ALT = 4;
export const MOD_META = 8;

export type RawInput =
  /** Key: t, down (1) or up (0), libuiohook keycode, modifier mask. */
  | readonly ['k', number, 0 | 1, number, number]
  /** Button: t, down/up, libuiohook button (1 left, 2 right, 3 middle, 4 back, 5 forward), x, y, mask. */
  | readonly ['b', number, 0 | 1, number, number, number, number]
  /** Mouse move (or drag): t, x, y. */
  | readonly ['m', number, number, number]
  /** Wheel: t, x, y, rotation (notches, signed), 3 vertical / 4 horizontal, mask. */
  | readonly ['w', number, number, number, number, number, number]
  /** The focus is changing: until the next `f`, the window is unknown (and so not captured). */
  | readonly ['fx', number]
  /** Focused window: t, app (WM_CLASS class or process name), title, pid (0 unknown), and the screen's width and height when known. */
  | readonly ['f', number, string, string, number]
  | readonly ['f', number, string, string, number, number, number]
  /** No window has the focus. */
  | readonly ['f0', number]
  /** The child is hooked and tracking focus. */
  | readonly ['ready', number]
  /** The child cannot capture: an AgentError code. */
  | readonly ['error', string];

/** Exit codes of the hook child; anything else (134: the hook aborted) is a crash. */
export const HOOK_EXIT = {
  NO_DISPLAY: 3,
  DISPLAY_UNREACHABLE: 4,
  DISPLAY_LOST: 5,
  HOOK_FAILED: 6,
} as const;

/** Parses one line from the child; anything malformed is `undefined` (and dropped). */
export function parseRawInput(line: string): RawInput | undefined {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (!Array.isArray(value) || typeof value[0] !== 'string') return undefined;
  const [kind] = value;
  const nums = (from: number, n: number) =>
    value.length === from + n && value.slice(from).every((v) => typeof v === 'number' && Number.isFinite(v));
  switch (kind) {
    case 'k':
      return nums(1, 4) ? (value as unknown as RawInput) : undefined;
    case 'b':
    case 'w':
      return nums(1, 6) ? (value as unknown as RawInput) : undefined;
    case 'm':
      return nums(1, 3) ? (value as unknown as RawInput) : undefined;
    case 'fx':
    case 'f0':
    case 'ready':
      return nums(1, 1) ? (value as unknown as RawInput) : undefined;
    case 'f':
      return (value.length === 5 || (value.length === 7 && isSize(value[5]) && isSize(value[6]))) &&
        typeof value[1] === 'number' &&
        typeof value[2] === 'string' &&
        typeof value[3] === 'string' &&
        typeof value[4] === 'number'
        ? (value as unknown as RawInput)
        : undefined;
    case 'error':
      return value.length === 2 && typeof value[1] === 'string' ? (value as unknown as RawInput) : undefined;
    default:
      return undefined;
  }
}

function isSize(v: unknown): boolean {
  return typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 100_000;
}
