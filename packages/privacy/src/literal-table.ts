/**
 * Literals looked up by their first two character codes, so a scan over a text tests a literal
 * only where its first two characters stand (optionally ignoring ASCII case, as `/i` does).
 */

/** A set of literals looked up by their first two character codes. */
export class PairTable {
  /** (c0 << 7 | c1) → 1 + index into `buckets`, 0 when no literal starts with that pair. */
  readonly index = new Uint16Array(128 * 128);
  readonly buckets: number[][] = [];

  constructor(
    readonly literals: readonly string[],
    foldCase: boolean,
  ) {
    literals.forEach((lit, k) => {
      if (lit.length < 2) throw new Error('literals need two characters');
      const firsts = foldCase ? caseVariants(lit.slice(0, 2)) : [lit.slice(0, 2)];
      for (const f of firsts) {
        const key = (f.charCodeAt(0) << 7) | f.charCodeAt(1);
        let b = this.index[key] as number;
        if (b === 0) {
          this.buckets.push([]);
          b = this.buckets.length;
          this.index[key] = b;
        }
        (this.buckets[b - 1] as number[]).push(k);
      }
    });
  }
}

function caseVariants(pair: string): string[] {
  const a = pair[0] as string;
  const b = pair[1] as string;
  const as = [...new Set([a.toLowerCase(), a.toUpperCase()])];
  const bs = [...new Set([b.toLowerCase(), b.toUpperCase()])];
  return as.flatMap((x) => bs.map((y) => x + y));
}

/** Case-sensitive match of `lit` at `at`, the first two characters already known to match. */
export function matchesAt(text: string, lit: string, at: number): boolean {
  if (at + lit.length > text.length) return false;
  for (let j = 2; j < lit.length; j++) if (text.charCodeAt(at + j) !== lit.charCodeAt(j)) return false;
  return true;
}

/** ASCII case-insensitive match of the lower-case `lit` at `at` (as a non-unicode `/i` regex matches). */
export function matchesFoldedAt(text: string, lit: string, at: number): boolean {
  if (at + lit.length > text.length) return false;
  for (let j = 2; j < lit.length; j++) {
    const c = text.charCodeAt(at + j);
    const k = lit.charCodeAt(j);
    if (c !== k && !(k >= 97 && k <= 122 && c === k - 32)) return false;
  }
  return true;
}
