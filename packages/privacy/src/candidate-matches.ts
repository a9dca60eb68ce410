/**
 * The matches of a regex in a text, found either by searching the whole text (a global regex) or
 * by trying a sticky copy only at candidate positions that `scanText` listed. Both give the same
 * matches when the candidates hold every place a match can start: a global search also takes the
 * leftmost match and goes on after it, so candidates inside an earlier match are skipped.
 *
 * `admits`, when given, is a necessary condition of a match at a position, read on a few character
 * codes (the word before a value must be followed by a sign, a window must hold enough digits): a
 * candidate it refuses is not handed to the regex engine, whose call costs more than the check.
 */

export class CandidateMatches {
  #k = 0;
  #next = 0;

  /**
   * `global`: the regex with the `g` flag; `sticky`: the same source with `y` instead; `starts`:
   * ascending candidate positions, or undefined to search everywhere.
   */
  constructor(
    private readonly text: string,
    private readonly global: RegExp,
    private readonly sticky: RegExp,
    private readonly starts: readonly number[] | undefined,
    private readonly admits?: (text: string, at: number) => boolean,
  ) {
    global.lastIndex = 0;
  }

  next(): RegExpExecArray | null {
    const { starts, text } = this;
    if (starts === undefined) return this.global.exec(text);
    while (this.#k < starts.length) {
      const s = starts[this.#k++] as number;
      if (s < this.#next) continue;
      if (this.admits !== undefined && !this.admits(text, s)) continue;
      this.sticky.lastIndex = s;
      const m = this.sticky.exec(text);
      if (m !== null) {
        this.#next = s + m[0].length;
        return m;
      }
    }
    return null;
  }
}

/** The sticky copy of a global regex (same source and flags, `y` instead of `g`). */
export function stickyCopy(global: RegExp): RegExp {
  return new RegExp(global.source, `${global.flags.replace('g', '')}y`);
}
