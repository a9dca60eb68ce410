/**
 * Rebuilds the text of one line from keystrokes, remembering for every character which event typed
 * it. Two views: `final` (after Backspace, Delete, cursor keys, Home and End within the line) and
 * `typed` (every character in keystroke order, deleted ones included, with the event that deleted
 * it). Detection runs on both, because a character typed and erased was still a keystroke.
 */

/** Stands for content the filter cannot see (a paste, an earlier redaction): breaks any token. */
export const OPAQUE = '\n';

export class KeystrokeText {
  /** Characters of the line as it now reads. */
  #line: string[] = [];
  /** For each line character, its index in the typed arrays. */
  #lineTyped: number[] = [];
  #cursor = 0;
  #typed: string[] = [];
  /** Event index that typed each typed character. */
  #typedSrc: number[] = [];
  /** Event index that deleted each typed character, or -1. */
  #deletedBy: number[] = [];

  get lineLength(): number {
    return this.#line.length;
  }

  get typedCount(): number {
    return this.#typed.length;
  }

  reset(): void {
    this.#line = [];
    this.#lineTyped = [];
    this.#cursor = 0;
    this.#typed = [];
    this.#typedSrc = [];
    this.#deletedBy = [];
  }

  insert(ch: string, eventIndex: number): void {
    const ti = this.#typed.length;
    this.#typed.push(ch);
    this.#typedSrc.push(eventIndex);
    this.#deletedBy.push(-1);
    if (this.#cursor === this.#line.length) {
      this.#line.push(ch);
      this.#lineTyped.push(ti);
    } else {
      this.#line.splice(this.#cursor, 0, ch);
      this.#lineTyped.splice(this.#cursor, 0, ti);
    }
    this.#cursor++;
  }

  #remove(from: number, to: number, eventIndex: number): void {
    if (to <= from) return;
    for (let i = from; i < to; i++) this.#deletedBy[this.#lineTyped[i] as number] = eventIndex;
    this.#line.splice(from, to - from);
    this.#lineTyped.splice(from, to - from);
  }

  #wordLeft(): number {
    let i = this.#cursor;
    while (i > 0 && this.#line[i - 1] === ' ') i--;
    while (i > 0 && this.#line[i - 1] !== ' ') i--;
    return i;
  }

  #wordRight(): number {
    let i = this.#cursor;
    while (i < this.#line.length && this.#line[i] === ' ') i++;
    while (i < this.#line.length && this.#line[i] !== ' ') i++;
    return i;
  }

  backspace(eventIndex: number, word: boolean): void {
    const from = word ? this.#wordLeft() : Math.max(0, this.#cursor - 1);
    this.#remove(from, this.#cursor, eventIndex);
    this.#cursor = from;
  }

  delete(eventIndex: number, word: boolean): void {
    this.#remove(
      this.#cursor,
      word ? this.#wordRight() : Math.min(this.#line.length, this.#cursor + 1),
      eventIndex,
    );
  }

  left(word: boolean): void {
    this.#cursor = word ? this.#wordLeft() : Math.max(0, this.#cursor - 1);
  }

  right(word: boolean): void {
    this.#cursor = word ? this.#wordRight() : Math.min(this.#line.length, this.#cursor + 1);
  }

  home(): void {
    this.#cursor = 0;
  }

  end(): void {
    this.#cursor = this.#line.length;
  }

  /** The line as it now reads, and the event index of each character. */
  final(): { text: string; src: number[] } {
    return { text: this.#line.join(''), src: this.#lineTyped.map((ti) => this.#typedSrc[ti] as number) };
  }

  /** Every character in keystroke order, with the events that typed and deleted it. */
  typed(): { text: string; src: number[]; deletedBy: number[] } {
    return { text: this.#typed.join(''), src: this.#typedSrc, deletedBy: this.#deletedBy };
  }

  /** True when no character was deleted or moved around: `typed` equals `final`. */
  isLinear(): boolean {
    if (this.#line.length !== this.#typed.length) return false;
    for (let i = 0; i < this.#lineTyped.length; i++) if (this.#lineTyped[i] !== i) return false;
    return true;
  }
}
