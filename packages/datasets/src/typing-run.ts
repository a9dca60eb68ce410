/**
 * One `type` action in the making: characters, redaction markers and pastes typed without a pause
 * longer than the typing threshold. Backspace inside the run erases its last unit, so the action
 * holds what was meant rather than every typo; a marker or paste is one unit (erasing it erases the
 * whole placeholder, never part of it). Editing beyond the run's own text (cursor keys, Backspace
 * on text typed before the run) is left to `key` actions.
 */

import { entityToken } from '@steno/privacy';
import type { EntityType } from '@steno/protocol';
import type { TypeAction, TypedUnit } from './actions.ts';

export const PASTE_TOKEN = '[PASTE]';

export class TypingRun {
  readonly t: number;
  #lastT: number;
  #units: TypedUnit[] = [];

  constructor(t: number) {
    this.t = t;
    this.#lastT = t;
  }

  get lastT(): number {
    return this.#lastT;
  }

  get isEmpty(): boolean {
    return this.#units.length === 0;
  }

  add(unit: TypedUnit, t: number): void {
    this.#units.push(unit);
    this.#lastT = t;
  }

  /** Erases the last unit, or (word-wise) trailing spaces then everything back to the previous space. */
  erase(t: number, word: boolean): void {
    this.#lastT = t;
    if (!word) {
      this.#units.pop();
      return;
    }
    while (isSpace(this.#units.at(-1))) this.#units.pop();
    while (this.#units.length > 0 && !isSpace(this.#units.at(-1))) this.#units.pop();
  }

  toAction(): TypeAction {
    let text = '';
    const entities: EntityType[] = [];
    let pastes = 0;
    for (const u of this.#units) {
      if (u.kind === 'char') text += u.char;
      else if (u.kind === 'entity') {
        text += entityToken(u.entity);
        entities.push(u.entity);
      } else {
        text += PASTE_TOKEN;
        pastes++;
      }
    }
    return { type: 'type', t: this.t, text, entities, pastes };
  }
}

function isSpace(u: TypedUnit | undefined): boolean {
  return u !== undefined && u.kind === 'char' && /^\s$/.test(u.char);
}
