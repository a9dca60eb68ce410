/**
 * Email addresses, found from each `@` outwards rather than by a regex over the whole text: the
 * text is scanned once by `indexOf`, and only the few characters around an `@` are examined.
 */
import { type DetectionSink, report } from './detection.ts';

function isLocalChar(c: number): boolean {
  return (
    (c >= 97 && c <= 122) ||
    (c >= 65 && c <= 90) ||
    (c >= 48 && c <= 57) ||
    c === 46 || // .
    c === 95 || // _
    c === 37 || // %
    c === 43 || // +
    c === 45 || // -
    c === 39 // '
  );
}

function isDomainChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 45 || c === 46;
}

function isLetter(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
}

export function detectEmails(text: string, out: DetectionSink): void {
  let at = text.indexOf('@');
  while (at >= 0) {
    let s = at;
    while (s > 0 && at - s < 64 && isLocalChar(text.charCodeAt(s - 1))) s--;
    while (s < at && (text.charCodeAt(s) === 46 || text.charCodeAt(s) === 39)) s++;
    let e = at + 1;
    while (e < text.length && e - at < 255 && isDomainChar(text.charCodeAt(e))) e++;
    // trailing dots and dashes are punctuation, not domain
    while (e > at + 1 && (text.charCodeAt(e - 1) === 46 || text.charCodeAt(e - 1) === 45)) e--;
    if (s < at) {
      // the last dot of the domain, looked for in the domain only: `lastIndexOf` went on back
      // through the whole text before the `@` when the domain had none (`user:pass@host`)
      let lastDot = e - 1;
      while (lastDot > at + 1 && text.charCodeAt(lastDot) !== 46) lastDot--;
      if (lastDot > at + 1 && e - lastDot - 1 >= 2) {
        let tldOk = true;
        for (let i = lastDot + 1; i < e; i++) if (!isLetter(text.charCodeAt(i))) tldOk = false;
        if (tldOk) report(out, 'EMAIL', s, e, 'email');
      }
    }
    at = text.indexOf('@', Math.max(e, at + 1));
  }
}
