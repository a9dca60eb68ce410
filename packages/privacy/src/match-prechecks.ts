/**
 * Necessary conditions of the detectors' regexes at one candidate position, read on a few character
 * codes before the regex engine is called (a call costs more than the check, and most candidates
 * fail: a `key` in `keyboard`, a `--` in `--verbose`, a `1` before a space). Each check only refuses
 * a position where its regex cannot match; candidate-paths.test.ts and text-scan.test.ts compare
 * every detector gated this way with the same regex searching the whole text.
 */

/** White space as a regex's `\s` reads it. */
export function isSpaceCode(c: number): boolean {
  return (
    c === 32 ||
    (c >= 9 && c <= 13) ||
    (c >= 160 &&
      (c === 160 ||
        c === 5760 ||
        (c >= 8192 && c <= 8202) ||
        c === 8232 ||
        c === 8233 ||
        c === 8239 ||
        c === 8287 ||
        c === 12288 ||
        c === 65279))
  );
}

function isAsciiLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isQuote(c: number): boolean {
  return c === 34 || c === 39 || c === 96;
}

/**
 * The first position from `at` on that is not an ASCII letter, a name code or white space (or the
 * end of the text). One loop each rather than one loop taking the test as a function: V8 did not
 * inline the test passed to a loop shared by three of them.
 */
function skipLetters(text: string, at: number): number {
  let q = at;
  while (q < text.length && isAsciiLetter(text.charCodeAt(q))) q++;
  return q;
}

function skipNameCodes(text: string, at: number): number {
  let q = at;
  for (; q < text.length; q++) {
    const c = text.charCodeAt(q);
    if (c >= 128 || NAME_CODES[c] === 0) break;
  }
  return q;
}

function skipSpaces(text: string, at: number): number {
  let q = at;
  while (q < text.length && isSpaceCode(text.charCodeAt(q))) q++;
  return q;
}

/** `[A-Za-z0-9_.-]`: the rest of a credential name (`_TOKEN`, `.secret`, `-key`), one table lookup a code. */
const NAME_CODES = new Uint8Array(128);
for (let c = 0; c < 128; c++)
  NAME_CODES[c] = isAsciiLetter(c) || isDigit(c) || c === 95 || c === 46 || c === 45 ? 1 : 0;

/**
 * CLI_PASSWORD (credential-context.ts) starts with `--` and one of its flag words (`p`, `t`, `a`,
 * `s`, `c`: password, token, api-key, secret, client-secret, …), `mysql`, `mariadb`, `sshpass`,
 * `curl` (all case-sensitive), or white space then `-p` (`-passin`, `-passout`).
 */
export function cliPasswordCanStart(text: string, at: number): boolean {
  const c = text.charCodeAt(at);
  if (c === 45) return flagCanStart(text, at);
  if (c === 109) return text.startsWith('mysql', at) || text.startsWith('mariadb', at);
  if (c === 115) return text.startsWith('sshpass', at);
  if (c === 99) return text.startsWith('curl', at);
  return isSpaceCode(c) && text.charCodeAt(at + 1) === 45 && text.charCodeAt(at + 2) === 112;
}

/**
 * CLI_PASSWORD's `--` flags: `--`, then the first letter of one of its flag words (`p`, `t`, `a`,
 * `s`, `c`).
 */
export function flagCanStart(text: string, at: number): boolean {
  if (text.charCodeAt(at) !== 45 || text.charCodeAt(at + 1) !== 45) return false;
  const d = text.charCodeAt(at + 2);
  return d === 112 || d === 116 || d === 97 || d === 115 || d === 99;
}

/**
 * KV_PASSWORD: a word of letters (`password`, `secret`, …), white space, `=`. A letter after the
 * word fails every alternative, so the letters from `at` on end where the word ends.
 */
export function keyValueCanStart(text: string, at: number): boolean {
  const q = skipSpaces(text, skipLetters(text, at));
  return text.charCodeAt(q) === 61;
}

/** AUTH_HEADER: `Bearer`, `Basic` or `Token` (capitalised), then white space. */
export function authHeaderCanStart(text: string, at: number): boolean {
  const c = text.charCodeAt(at);
  if (c !== 66 && c !== 84) return false;
  return isSpaceCode(text.charCodeAt(skipLetters(text, at)));
}

/**
 * AUTHORIZATION: `authorization` (letters), an optional quote, white space, then `:` or `=`;
 * ASSIGNMENT: a credential word and the rest of its name (`[A-Za-z0-9_.-]*`), an optional quote,
 * white space, then `:` or `=` (`:=`, `=>` start with them too). What stands after the name can
 * be neither a name character nor a quote, so the name ends where those characters end.
 */
export function authorizationCanStart(text: string, at: number): boolean {
  return signAfter(text, skipLetters(text, at));
}

export function assignmentCanStart(text: string, at: number): boolean {
  return signAfter(text, skipNameCodes(text, at));
}

function signAfter(text: string, nameEnd: number): boolean {
  let q = nameEnd;
  if (isQuote(text.charCodeAt(q))) q++;
  q = skipSpaces(text, q);
  const c = text.charCodeAt(q);
  return c === 58 || c === 61;
}

/**
 * WORD_THEN_VALUE: `secret`, `token` or `key` (any case; each known by its first letter), then
 * white space.
 */
export function wordThenValueCanStart(text: string, at: number): boolean {
  const c = text.charCodeAt(at) | 32;
  const length = c === 115 ? 6 : c === 116 ? 5 : c === 107 ? 3 : 0;
  return length > 0 && isSpaceCode(text.charCodeAt(at + length));
}

/**
 * PASSWORD_PHRASE: one of its words, then white space, `:` or `=`. The words are 2, 3, 6, 8, 10
 * or 12 characters long (`pw`, `pin`/`pwd`, `passwd`, `password`/`passwort`/`passcode`,
 * `passphrase`/`contraseña`, `mot de passe`): one of those places must hold such a code.
 */
export function passwordPhraseCanStart(text: string, at: number): boolean {
  for (let k = 0; k < PHRASE_WORD_LENGTHS.length; k++) {
    const c = text.charCodeAt(at + (PHRASE_WORD_LENGTHS[k] as number));
    if (c === 58 || c === 61 || isSpaceCode(c)) return true;
  }
  return false;
}

const PHRASE_WORD_LENGTHS = [2, 3, 6, 8, 10, 12];

/** The digits of FRENCH_NIR's groups after its first digit (the department, third, may be `2A`/`2B`). */
const NIR_GROUPS = [2, 2, 2, 3, 3, 2];

/**
 * FRENCH_NIR: `[12] ?\d{2} ?\d{2} ?(?:\d{2}|2A|2B) ?\d{3} ?\d{3} ?\d{2}` (any case: `2A`, `2B`
 * are Corsica), read as the regex reads it: a space before a group and the group's first digit
 * never compete for the same place, so this refuses only where it cannot match.
 */
export function frenchNirCanStart(text: string, at: number): boolean {
  const first = text.charCodeAt(at);
  if (first !== 49 && first !== 50) return false;
  // a match holds fifteen digits (or `2A`/`2B`), so offsets 10 to 14 are inside it, past where
  // `2A`/`2B` can stand (offsets 8 and 9 at most, after three spaces): a digit or a space each. Read
  // from the far end first: most candidates are runs of twelve or thirteen digits ended by `-` or a
  // letter (ids and keys in tokens), refused here after one to three codes instead of a group walk
  for (let k = 14; k >= 10; k--) {
    const c = text.charCodeAt(at + k);
    if (c !== 32 && !isDigit(c)) return false;
  }
  let q = at + 1;
  for (let g = 0; g < NIR_GROUPS.length; g++) {
    if (text.charCodeAt(q) === 32) q++;
    const size = NIR_GROUPS[g] as number;
    if (g === 2 && text.charCodeAt(q) === 50) {
      const c = text.charCodeAt(q + 1) | 32;
      if (c === 97 || c === 98) {
        q += 2;
        continue;
      }
    }
    for (let k = 0; k < size; k++) if (!isDigit(text.charCodeAt(q + k))) return false;
    q += size;
  }
  return true;
}

/**
 * NINO: two letters, then three pairs of digits and the suffix letter A–D, each after an optional
 * single space (` ?\d{2} ?\d{2} ?\d{2} ?[A-D]`, any case): read as the regex reads it (a space
 * and a digit never compete for the same place), so this refuses only where it cannot match.
 */
export function ninoCanStart(text: string, at: number): boolean {
  let q = at + 2;
  for (let g = 0; g < 3; g++) {
    if (text.charCodeAt(q) === 32) q++;
    if (!isDigit(text.charCodeAt(q)) || !isDigit(text.charCodeAt(q + 1))) return false;
    q += 2;
  }
  if (text.charCodeAt(q) === 32) q++;
  const suffix = text.charCodeAt(q) | 32;
  return suffix >= 97 && suffix <= 100;
}

/** Base58 alphabet: digits 1–9, letters without `0`, `O`, `I`, `l`. */
const BASE58 = new Uint8Array(128);
for (const ch of '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz') BASE58[ch.charCodeAt(0)] = 1;

/** LEGACY (Bitcoin base58check): `1` or `3`, then at least 25 characters of the base58 alphabet. */
export function base58CanStart(text: string, at: number): boolean {
  if (at + 26 > text.length) return false;
  for (let q = at + 1; q < at + 26; q++) {
    const c = text.charCodeAt(q);
    if (c >= 128 || BASE58[c] === 0) return false;
  }
  return true;
}
