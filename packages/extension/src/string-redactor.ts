/**
 * `redactText` for the strings of element and scroll events (accessible names, option labels,
 * selectors), remembered by the string itself: the same row's selector or the same button's name
 * recurs on every click, and the privacy filter is a pure function of the text. The key is the raw
 * string as it is now, so a string that changed is always filtered afresh — a cache keyed by the
 * element could serve a name from before it changed. Bounded: emptied when full. `detect`: the
 * filter's options for the page's site (names off where the lease's app rule says `names: false`);
 * a redactor serves one setting, a new setting gets a new redactor.
 */
import { type DetectOptions, redactText } from '@steno/privacy';

export function createStringRedactor(
  maxEntries = 512,
  detect?: DetectOptions | undefined,
): (text: string) => string {
  const seen = new Map<string, string>();
  return (text) => {
    const hit = seen.get(text);
    if (hit !== undefined) return hit;
    const out = redactText(text, detect).text;
    if (seen.size >= maxEntries) seen.clear();
    seen.set(text, out);
    return out;
  };
}
