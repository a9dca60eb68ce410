/** Runs a fresh filter over events and returns its output; and the characters an output carries. */
import type { StenoEvent } from '@steno/protocol';
import { createPrivacyFilter, type FilterOptions } from '../privacy-filter.ts';
import { Typist, typeWithCorrections } from './typing.ts';

export function runFilter(events: readonly StenoEvent[], options?: FilterOptions): StenoEvent[] {
  const f = createPrivacyFilter(options);
  const out: StenoEvent[] = [];
  for (const e of events) for (const o of f.push(e)) out.push(o);
  for (const o of f.flush()) out.push(o);
  return out;
}

/** Concatenation of every `char` field and focus title: what a 4-character window check reads. */
export function outputChars(events: readonly StenoEvent[]): string {
  let s = '';
  for (const e of events) if (e.type === 'key' && e.char !== undefined) s += e.char;
  return s;
}

/** Does any window of `len` characters of `secret` occur in `haystack`? */
export function leaksWindow(secret: string, haystack: string, len = 4): boolean {
  if (secret.length < len) return haystack.includes(secret);
  for (let k = 0; k + len <= secret.length; k++) if (haystack.includes(secret.slice(k, k + len))) return true;
  return false;
}

/** Types multi-line text, applying `choices` corrections to the line at index `correctedLine`. */
export function typeLines(text: string, choices: readonly number[] | null, correctedLine = -1): StenoEvent[] {
  const lines = text.split('\n');
  const out: StenoEvent[] = [];
  let t = 1_700_000_000_000;
  lines.forEach((line, i) => {
    const evs =
      choices && (correctedLine < 0 || i === correctedLine)
        ? typeWithCorrections(line, choices, t)
        : new Typist(t).text(line).events;
    out.push(...evs);
    t += evs.length + 1;
    if (i < lines.length - 1) {
      const ty = new Typist(t).press('Enter');
      out.push(...ty.events);
      t = ty.t;
    }
  });
  return out;
}
