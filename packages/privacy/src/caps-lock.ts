/**
 * Caps Lock for capture sources that report raw characters. The contract of the privacy filter is
 * that `key.char` is final — the agent's layout mapping has applied Shift and Caps Lock before the
 * filter sees it — and this helper is that mapping's Caps Lock step, kept here so the rule lives
 * beside the text reconstruction that depends on it.
 */

/** Tracks Caps Lock state from key events and applies it to a character produced with Shift state known. */
export class CapsLockState {
  #on = false;

  get on(): boolean {
    return this.#on;
  }

  /** Feed every key-down; toggles on CapsLock. */
  observe(key: string, dir: 'down' | 'up'): void {
    if (dir === 'down' && key === 'CapsLock') this.#on = !this.#on;
  }

  apply(char: string): string {
    return applyCapsLock(char, this.#on);
  }
}

/**
 * Caps Lock inverts the case of letters only (Shift+letter with Caps Lock gives lower case, as on
 * Windows, macOS and X11 defaults); digits and symbols are unaffected.
 */
export function applyCapsLock(char: string, capsLock: boolean): string {
  if (!capsLock || char.length !== 1) return char;
  const lower = char.toLowerCase();
  const upper = char.toUpperCase();
  if (lower === upper) return char;
  return char === lower ? upper : lower;
}
