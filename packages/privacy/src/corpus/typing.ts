/**
 * Turns text into the key events a person would produce typing it, with or without corrections
 * (typos fixed by Backspace, stretches typed and erased, text typed out of order with cursor keys,
 * Home/End round trips). Used by the property tests, the corpus evaluation and the benchmark.
 */
import type { KeyEvent, Modifier } from '@steno/protocol';

const SHIFTED = new Set('~!@#$%^&*()_+{}|:"<>?'.split(''));

export class Typist {
  readonly events: KeyEvent[] = [];
  t: number;

  constructor(t0 = 1_700_000_000_000) {
    this.t = t0;
  }

  press(key: string, mods: Modifier[] = [], char?: string): this {
    const down: KeyEvent = { type: 'key', t: this.t++, dir: 'down', key, mods };
    if (char !== undefined) down.char = char;
    this.events.push(down);
    this.events.push({ type: 'key', t: this.t++, dir: 'up', key, mods });
    return this;
  }

  char(ch: string): this {
    if (ch === '\n') return this.press('Enter');
    if (ch === '\t') return this.press('Tab');
    const shifted = (ch !== ch.toLowerCase() && ch === ch.toUpperCase()) || SHIFTED.has(ch);
    if (!shifted) return this.press(ch === ' ' ? 'Space' : ch, [], ch);
    this.events.push({ type: 'key', t: this.t++, dir: 'down', key: 'Shift', mods: ['shift'] });
    this.press(ch, ['shift'], ch);
    this.events.push({ type: 'key', t: this.t++, dir: 'up', key: 'Shift', mods: [] });
    return this;
  }

  text(s: string): this {
    for (const ch of s) this.char(ch);
    return this;
  }

  times(key: string, n: number): this {
    for (let i = 0; i < n; i++) this.press(key);
    return this;
  }
}

/** Types `text` straight through. */
export function typeText(text: string, t0?: number): KeyEvent[] {
  return new Typist(t0).text(text).events;
}

const NOISE = 'xqzjk0197ZQX-_';

/**
 * Types `target` (one line) with corrections chosen by `choices` (any numbers; the same choices give
 * the same keystrokes). The final text of the line is always `target`.
 */
export function typeWithCorrections(target: string, choices: readonly number[], t0?: number): KeyEvent[] {
  const ty = new Typist(t0);
  const chars = [...target];
  let i = 0;
  let c = 0;
  const next = () => Math.abs(choices[c++ % Math.max(1, choices.length)] ?? 0);
  while (i < chars.length) {
    const op = choices.length === 0 ? 0 : next() % 12;
    if (op === 6) {
      // typo fixed at once
      ty.char(NOISE[next() % NOISE.length] as string).press('Backspace');
    } else if (op === 7) {
      // a stretch typed, erased and retyped
      const k = 1 + (next() % 6);
      const part = chars.slice(i, i + k);
      ty.text(part.join('')).times('Backspace', part.length);
    } else if (op === 8 && i + 2 < chars.length) {
      // out of order: type a later stretch, go back, type what belongs before it, End
      const m = 1 + (next() % 3);
      const k = 1 + (next() % 4);
      const later = chars.slice(i + m, i + m + k);
      ty.text(later.join('')).times('ArrowLeft', later.length);
      ty.text(chars.slice(i, i + m).join('')).press('End');
      i += m + later.length;
      continue;
    } else if (op === 9) {
      // extra character removed with Delete
      ty.char(NOISE[next() % NOISE.length] as string)
        .press('ArrowLeft')
        .press('Delete');
    } else if (op === 10) {
      ty.press('Home').press('End');
    } else if (op === 11 && i > 0) {
      const k = 1 + (next() % Math.min(i, 5));
      ty.times('ArrowLeft', k).times('ArrowRight', k);
    }
    ty.char(chars[i] as string);
    i++;
  }
  return ty.events;
}
