/**
 * Credentials recognised by their context rather than their shape: passwords inside connection
 * strings and URLs, password flags on command lines, "password: ..." phrases, and long
 * high-entropy values assigned to secret-sounding names (`API_TOKEN=...`, `"secret": "..."`).
 */

import { stickyCopy } from './candidate-matches.ts';
import { type DetectionSink, report } from './detection.ts';
import { looksRandomAt } from './entropy.ts';
import {
  assignmentCanStart,
  authHeaderCanStart,
  authorizationCanStart,
  cliPasswordCanStart,
  flagCanStart,
  keyValueCanStart,
  passwordPhraseCanStart,
  wordThenValueCanStart,
} from './match-prechecks.ts';
import { KEYWORDS, type Keyword, KW_PIN_WORD, KW_PW_WORD, kw } from './scan-automaton.ts';

/** `scheme://user:password@host` — the whole user-info part goes. */
const URL_CREDENTIALS = /:\/\/([^\s:/@'"`]*):([^\s@/'"`]+)@[^\s'"`]/g;

/** `Password=...;` in ADO/JDBC/ODBC connection strings and similar key=value lists. */
const KV_PASSWORD =
  /(?:password|passwd|pwd|passphrase|secret|sharedaccesskey)\s*=\s*(?:"([^"\n]+)"|'([^'\n]+)'|([^;\s&'"]+))/gi;

/** Command-line flags that carry a password: `--password x`, `--password=x`, `-pSECRET` (mysql), `-p x` after sshpass. */
const CLI_PASSWORD =
  /(?:--(?:password|passwd|pass|passphrase|token|api-key|apikey|secret|client-secret|auth-token)(?:=|\s+)|(?:mysql|mysqldump|mariadb)\b[^\n|;]*?\s-p|sshpass\s+-p\s*|\s-(?:passin|passout)\s+pass:|curl\b[^\n|;]*?\s(?:-u|--user)\s+[^\s:]+:)(?:"([^"\n]+)"|'([^'\n]+)'|([^\s'"]+))/g;

/** `Authorization: Bearer ...`, `Basic ...`, `token ...` headers. */
const AUTH_HEADER = /(?:Bearer|Basic|Token)\s+([A-Za-z0-9._~+/=-]{12,})/g;

/**
 * `Authorization: <scheme> <value>` or `Authorization: <value>`, any case: the value is a
 * credential whatever its shape (a bearer token, an API key, a UUID).
 */
const AUTHORIZATION =
  /authorization["']?\s*[:=]\s*["']?(?:(?:bearer|basic|token|digest|apikey|api-key|sso-key|negotiate|ntlm)\s+)?([A-Za-z0-9._~+/=:-]{8,})/gi;

/**
 * A secret word, then the value with no sign between (`AWS … secret wJalrXUtnFI/K7MDENG…`,
 * `token 9fQ2xLr7…`): taken when the value looks generated (see `looksRandomAt`).
 */
const WORD_THEN_VALUE =
  /(?:secret|token|key)(?:\s+(?:access\s+)?key)?\s+["'`]?([A-Za-z0-9+/=_.~!@#$%^&*-]{20,})/gi;

/** "password: x", "password is x", "pw = x", "PIN: 1234" in prose and chat. */
const PASSWORD_PHRASE =
  /(?:password|passwort|mot de passe|contraseña|passphrase|passcode|passwd|pwd|\bpw|\bpin)(?:\s+(?:is|was|=|:)|\s*[:=])\s*["'`]?([^\s"'`]+)/gi;

/** Words that follow "password is" in ordinary prose and are not passwords. */
const PROSE_FOLLOWERS = new Set([
  'a',
  'an',
  'the',
  'not',
  'too',
  'now',
  'still',
  'wrong',
  'incorrect',
  'invalid',
  'expired',
  'required',
  'changed',
  'reset',
  'correct',
  'set',
  'saved',
  'stored',
  'missing',
  'empty',
  'weak',
  'strong',
  'in',
  'on',
  'for',
  'to',
  'your',
  'my',
  'our',
  'their',
  'his',
  'her',
  'being',
  'about',
  'hashed',
  'never',
  'case-sensitive',
  'same',
  'different',
  'fine',
  'ok',
  'okay',
  'and',
  'or',
  'of',
  'that',
  'this',
  'it',
]);

/** `name = value` / `"name": "value"` where the name sounds like a credential. */
const ASSIGNMENT =
  /((?:key|token|secret|passw(?:or)?d|pwd|credential|auth|signature|salt|private|session|cookie|bearer)[A-Za-z0-9_.-]*)["'`]?\s*(?::=|=>|=|:)\s*["'`]?([A-Za-z0-9+/=_.~!@#$%^&*-]{8,})/gi;

/**
 * A name that says its value is a credential (`GITHUB_TOKEN`, `db_password`, `API_KEY`,
 * `client-secret`): any value of eight characters or more that is not a reference or a
 * placeholder is taken, random-looking or not (a UUID, a word with digits).
 */
const CREDENTIAL_NAME =
  /(?:^|[_.-]|[a-z](?=[A-Z]))(?:token|secret|passw(?:or)?d|passwd|pwd|pass|api[_.-]?key|apikey|access[_.-]?key|secret[_.-]?key|private[_.-]?key|auth[_.-]?token|credentials?)$/i;

/** A name that holds an identifier or a setting of a credential, not the credential (gitleaks' allowlist). */
const NOT_CREDENTIAL_NAME =
  /(?:id|ids|name|names|path|file|url|uri|endpoint|type|types|length|size|count|version|alias|format|field|label|prefix|header|mode|hash|source|policy|provider|expiry|expires|ttl|storetype)$/i;
const NOT_CREDENTIAL_ENDINGS = NOT_CREDENTIAL_NAME.source.slice(3, -2).split('|');

/**
 * NOT_CREDENTIAL_NAME without the regex, which tries every position of the name: whether the name
 * `text[start, end)` ends with one of its words, ASCII case ignored (without the `u` flag `/i`
 * folds no other letter to an ASCII one). Read in the text, so the name is never copied out.
 */
function isNotCredentialName(text: string, start: number, end: number): boolean {
  return endsWithOneOf(text, start, end, NOT_CREDENTIAL_BY_LAST, false);
}

/** The names CREDENTIAL_NAME ends with, its alternation spelled out (`api[_.-]?key`: `apikey`, `api_key`, …). */
const CREDENTIAL_ENDINGS = [
  'token',
  'secret',
  'password',
  'passwd',
  'pwd',
  'pass',
  ...['', '_', '.', '-'].flatMap((sep) => [
    `api${sep}key`,
    `access${sep}key`,
    `secret${sep}key`,
    `private${sep}key`,
    `auth${sep}token`,
  ]),
  'credential',
  'credentials',
];

/**
 * CREDENTIAL_NAME without the regex, on the name `text[start, end)`: it ends with one of
 * CREDENTIAL_ENDINGS (ASCII case ignored) that starts the name or follows `_`, `.`, `-` or a
 * letter. The letter is `[a-z](?=[A-Z])` read with `/i`: any ASCII letter before any ASCII letter,
 * and every ending starts with a letter.
 */
export function isCredentialName(text: string, start: number, end: number): boolean {
  return endsWithOneOf(text, start, end, CREDENTIAL_BY_LAST, true);
}

/**
 * Whether `text[start, end)` ends with one of `words` (small ASCII letters and `_.-`), ASCII case
 * ignored; with `joined`, only a word at the start of the range or after `_`, `.`, `-` or an ASCII
 * letter counts. `words` are grouped by their last code (`endingsByLastCode`), so only those
 * ending as the range does are compared (a few instead of some thirty).
 */
function endsWithOneOf(
  text: string,
  start: number,
  end: number,
  byLast: readonly (readonly string[])[],
  joined: boolean,
): boolean {
  if (end <= start) return false;
  const last = lowerAscii(text.charCodeAt(end - 1));
  if (last >= 128) return false;
  const words = byLast[last] as readonly string[];
  for (let w = 0; w < words.length; w++) {
    const word = words[w] as string;
    const from = end - word.length;
    if (from < start) continue;
    let j = word.length - 2;
    while (j >= 0 && lowerAscii(text.charCodeAt(from + j)) === word.charCodeAt(j)) j--;
    if (j >= 0) continue;
    if (!joined || from === start) return true;
    const c = text.charCodeAt(from - 1);
    if (c === 95 || c === 46 || c === 45 || (lowerAscii(c) >= 97 && lowerAscii(c) <= 122)) return true;
  }
  return false;
}

/** `words` by their last code (0–127), in their order; an empty list for the other codes. */
function endingsByLastCode(words: readonly string[]): readonly (readonly string[])[] {
  const byLast: string[][] = [];
  for (let c = 0; c < 128; c++) byLast.push([]);
  for (const word of words) (byLast[word.charCodeAt(word.length - 1)] as string[]).push(word);
  return byLast;
}

const NOT_CREDENTIAL_BY_LAST = endingsByLastCode(NOT_CREDENTIAL_ENDINGS);
const CREDENTIAL_BY_LAST = endingsByLastCode(CREDENTIAL_ENDINGS);

/** The regexes CREDENTIAL_NAME and NOT_CREDENTIAL_NAME, each with the same test without it (for tests). */
export const CREDENTIAL_NAME_TESTS: readonly (readonly [RegExp, (name: string) => boolean])[] = [
  [CREDENTIAL_NAME, (name) => isCredentialName(name, 0, name.length)],
  [NOT_CREDENTIAL_NAME, (name) => isNotCredentialName(name, 0, name.length)],
];

/** An ASCII capital as its small letter; any other code as it is. */
function lowerAscii(c: number): number {
  return c >= 65 && c <= 90 ? c + 32 : c;
}

/** A host name (`DM6PR11MB4596.namprd11.prod.outlook.com`): dotted labels ending in letters. */
const HOST_NAME = /^(?:[A-Za-z0-9-]{1,63}\.){2,}[A-Za-z]{2,24}$/;

/**
 * HOST_NAME on `text[start, end)`, its regex run (on a copy) only on a value with two dots at
 * least (two labels before the last).
 */
function isHostNameAt(text: string, start: number, end: number): boolean {
  let dots = 0;
  for (let i = start; i < end && dots < 2; i++) if (text.charCodeAt(i) === 46) dots++;
  return dots >= 2 && HOST_NAME.test(text.slice(start, end));
}

/** A value that is code or a reference to a secret kept elsewhere, not the secret itself. */
const CODE_REFERENCE =
  /^(?:[A-Za-z_$][\w$.]*\(|(?:process\.env|os\.environ|os\.getenv|env\.|self\.|this\.|config\.|settings\.|args\.|opts\.|options\.|req\.|request\.)|\{\{|%\(|<%|<[A-Za-z_-]+>$|(?:true|false|null|none|undefined|nil|required|optional|string|str|bool|int)$)/i;

/** `$PASS`, `${DB_PASSWORD}`, `$(cat secret)`, `$db_pass`: a shell reference (mixed-case `$xY7...` is a value). */
const SHELL_REFERENCE = /^\$(?:\{|\(|[A-Z_][A-Z0-9_]*$|[a-z_][a-z0-9_]*$)/;

/**
 * Values that stand for a secret in examples and templates, not a secret: `test`, `changeme`,
 * `xxxx`, `****`, `<your-token>`, `your_api_key_here` (gitleaks' curl allowlist and the like).
 */
const PLACEHOLDER =
  /^(?:test|pass(?:word)?|pwd|secret|token|changeme|changeit|example|dummy|redacted|null|\*+|x+|\.+|<[^<>]*>|\[[^\]]*\]|your[-_ ].*|.*[-_]here)$/i;

/** CODE_REFERENCE or PLACEHOLDER (both anchored, case-insensitive): one regex call instead of two. */
const CODE_OR_PLACEHOLDER = new RegExp(`${CODE_REFERENCE.source}|${PLACEHOLDER.source}`, 'i');

/**
 * Whether the value `text[start, end)` is code or a reference to a secret kept elsewhere (a call,
 * `process.env.X`, `${VAR}`, a placeholder), not the secret itself. Read in `text`: the value is
 * copied out only for a regex (SHELL_REFERENCE needs a `$` first; the other regex, what `mayBeCodeOrPlaceholder` lets through).
 */
function isCodeReferenceAt(text: string, start: number, end: number): boolean {
  return (
    (mayBeCodeOrPlaceholderAt(text, start, end) && CODE_OR_PLACEHOLDER.test(text.slice(start, end))) ||
    (end > start && text.charCodeAt(start) === 36 && SHELL_REFERENCE.test(text.slice(start, end)))
  );
}

/**
 * A necessary condition of CODE_OR_PLACEHOLDER, read on a few codes (most values are long tokens
 * the regex would try alternative by alternative): each alternative needs nine characters or fewer
 * (its words, `undefined` the longest), a first `{`, `<`, `[`, `*`, `x` or `y` (`{{`, `<%`, `<…>`,
 * `[…]`, `\*+`, `x+`, `your…`, any case), a `(` (a call, `%(`) or a `.` (`process.env`, `self.`, …,
 * `\.+`) somewhere, or `here` at the end (`…_here`, any case; without the `u` flag `/i` folds no
 * other letter to an ASCII one).
 */
export function mayBeCodeOrPlaceholder(value: string): boolean {
  return mayBeCodeOrPlaceholderAt(value, 0, value.length);
}

function mayBeCodeOrPlaceholderAt(text: string, start: number, end: number): boolean {
  if (end - start <= 9) return true;
  const c = text.charCodeAt(start);
  const lower = c | 32;
  if (c === 123 || c === 60 || c === 91 || c === 42 || lower === 120 || lower === 121) return true;
  if (
    (text.charCodeAt(end - 4) | 32) === 104 &&
    (text.charCodeAt(end - 3) | 32) === 101 &&
    (text.charCodeAt(end - 2) | 32) === 114 &&
    (text.charCodeAt(end - 1) | 32) === 101
  )
    return true;
  for (let i = start; i < end; i++) {
    const d = text.charCodeAt(i);
    if (d === 40 || d === 46) return true;
  }
  return false;
}

/** The whole-value regex that `mayBeCodeOrPlaceholder` stands before (for tests). */
export const CODE_OR_PLACEHOLDER_PRECHECK: readonly [(value: string) => boolean, RegExp] = [
  mayBeCodeOrPlaceholder,
  CODE_OR_PLACEHOLDER,
];

function firstGroup(m: RegExpExecArray): { start: number; end: number } | null {
  for (let g = 1; g < m.length; g++) {
    const v = m[g];
    if (v !== undefined && v.length > 0) {
      const start = m.index + m[0].lastIndexOf(v);
      return { start, end: start + v.length };
    }
  }
  return null;
}

/** The words of the former prefilter `/pass|pwd|pw\b|pin\b|secret|token|key|auth|bearer|basic|:\/\/|cred|salt|session|cookie|mysql|mariadb|curl/i`. */
const CONTEXT_WORDS =
  kw('pass') |
  kw('pwd') |
  KW_PW_WORD |
  KW_PIN_WORD |
  kw('secret') |
  kw('token') |
  kw('key') |
  kw('auth') |
  kw('bearer') |
  kw('basic') |
  kw('://') |
  kw('cred') |
  kw('salt') |
  kw('session') |
  kw('cookie') |
  kw('mysql') |
  kw('mariadb') |
  kw('curl');

/** Words without which each pattern cannot match (each is a literal part of its alternatives). */
const KV_WORDS = kw('pass') | kw('pwd') | kw('secret') | kw('sharedaccesskey');
const CLI_WORDS = kw('--') | kw('mysql') | kw('mariadb') | kw('pass') | kw('curl');
const AUTH_WORDS = kw('bearer') | kw('basic') | kw('token');
const PHRASE_WORDS = kw('pass') | kw('contrase') | kw('pw') | kw('pin');
const ASSIGNMENT_WORDS =
  kw('key') |
  kw('token') |
  kw('secret') |
  kw('pass') |
  kw('pwd') |
  kw('cred') |
  kw('auth') |
  kw('signature') |
  kw('salt') |
  kw('private') |
  kw('session') |
  kw('cookie') |
  kw('bearer');

/**
 * Where a match of each pattern can start, as offsets from the credential words its alternatives
 * begin with: `sshpass` starts three characters before its `pass`, `\s-passin` two, `mot de passe`
 * seven. `scanText` lists every credential word it finds, so only those places are tried.
 */
type StartOffsets = readonly (readonly number[] | undefined)[];

function startOffsets(offsets: Partial<Record<Keyword, readonly number[]>>): StartOffsets {
  const table: (readonly number[] | undefined)[] = KEYWORDS.map(() => undefined);
  for (const [word, offs] of Object.entries(offsets)) table[KEYWORDS.indexOf(word as Keyword)] = offs;
  return table;
}

const AT_WORD = [0];
const URL_STARTS = startOffsets({ '://': AT_WORD });
const KV_STARTS = startOffsets({ pass: AT_WORD, pwd: AT_WORD, secret: AT_WORD, sharedaccesskey: AT_WORD });
const CLI_STARTS = startOffsets({
  '--': AT_WORD,
  mysql: AT_WORD,
  mariadb: AT_WORD,
  curl: AT_WORD,
  pass: [-3, -2],
});
const AUTH_STARTS = startOffsets({ bearer: AT_WORD, basic: AT_WORD, token: AT_WORD });
const AUTHORIZATION_STARTS = startOffsets({ auth: AT_WORD });
const WORD_VALUE_STARTS = startOffsets({ secret: AT_WORD, token: AT_WORD, key: AT_WORD });
const WORD_VALUE_WORDS = kw('secret') | kw('token') | kw('key');
const PHRASE_STARTS = startOffsets({ pass: [-7, 0], contrase: AT_WORD, pw: AT_WORD, pin: AT_WORD });
const ASSIGNMENT_STARTS = startOffsets({
  key: AT_WORD,
  token: AT_WORD,
  secret: AT_WORD,
  pass: AT_WORD,
  pwd: AT_WORD,
  cred: AT_WORD,
  auth: AT_WORD,
  signature: AT_WORD,
  salt: AT_WORD,
  private: AT_WORD,
  session: AT_WORD,
  cookie: AT_WORD,
  bearer: AT_WORD,
});

const URL_CREDENTIALS_AT = stickyCopy(URL_CREDENTIALS);
const PASSWORD_PHRASE_AT = stickyCopy(PASSWORD_PHRASE);
const ASSIGNMENT_AT = stickyCopy(ASSIGNMENT);
const WORD_THEN_VALUE_AT = stickyCopy(WORD_THEN_VALUE);

interface ValuePattern {
  re: RegExp;
  sticky: RegExp;
  starts: StartOffsets;
  /** Credential words without which the pattern cannot match. */
  need: number;
  /** A necessary condition of a match at a candidate position (match-prechecks.ts). */
  admits: (text: string, at: number) => boolean;
  entity: 'PASSWORD' | 'SECRET';
  detector: string;
}

const PATTERNS: readonly ValuePattern[] = [
  [KV_PASSWORD, KV_STARTS, KV_WORDS, keyValueCanStart, 'PASSWORD', 'connection-string-password'] as const,
  [CLI_PASSWORD, CLI_STARTS, CLI_WORDS, cliPasswordCanStart, 'PASSWORD', 'command-line-password'] as const,
  [AUTH_HEADER, AUTH_STARTS, AUTH_WORDS, authHeaderCanStart, 'SECRET', 'authorization-header'] as const,
  [
    AUTHORIZATION,
    AUTHORIZATION_STARTS,
    kw('auth'),
    authorizationCanStart,
    'SECRET',
    'authorization-header',
  ] as const,
].map(([re, starts, need, admits, entity, detector]) => ({
  re,
  sticky: stickyCopy(re),
  starts,
  need,
  admits,
  entity,
  detector,
}));

const URL_WORD = kw('://');

/** The tables of start offsets, one list of candidate starts each (`allCandidateStarts`). */
const START_TABLES: readonly StartOffsets[] = [
  URL_STARTS,
  ...PATTERNS.map((p) => p.starts),
  PHRASE_STARTS,
  ASSIGNMENT_STARTS,
  WORD_VALUE_STARTS,
];
const URL_LIST = 0;
const FIRST_PATTERN_LIST = 1;
const PHRASE_LIST = FIRST_PATTERN_LIST + PATTERNS.length;
const ASSIGNMENT_LIST = PHRASE_LIST + 1;
const WORD_VALUE_LIST = PHRASE_LIST + 2;

/** Per credential word: (list, offset) pairs, flat, in the order of START_TABLES and of each table's offsets. */
const STARTS_BY_KEYWORD: readonly Int32Array[] = KEYWORDS.map((_, k) => {
  const pairs: number[] = [];
  START_TABLES.forEach((table, list) => {
    for (const offset of table[k] ?? []) pairs.push(list, offset);
  });
  return Int32Array.from(pairs);
});

/** `--`, whose only list is CLI_PASSWORD's. */
const DASHES_WORD = KEYWORDS.indexOf('--');

/** The most offsets one credential word gives one list (two: `pass` for `sshpass` and `-passin`). */
const MOST_PER_WORD = Math.max(...START_TABLES.flatMap((table) => table.map((offs) => offs?.length ?? 0)));

/**
 * The candidate starts of every list, list `l` at `candidates[l * listSize, listEnd[l])`: one
 * buffer kept from call to call (made larger when a text needs it) and written before it is read,
 * instead of eight arrays grown by `push` on every call.
 */
let candidates = new Int32Array(START_TABLES.length * 256);
let listSize = 256;
const listEnd = new Int32Array(START_TABLES.length);

/**
 * Fills the candidate lists (one per table of START_TABLES), ascending, in one walk over the
 * credential words (a walk per pattern cost eight).
 */
function fillCandidates(text: string, keywordAt: readonly number[]): void {
  const need = (keywordAt.length >> 1) * MOST_PER_WORD;
  if (need > listSize) {
    listSize = need;
    candidates = new Int32Array(START_TABLES.length * listSize);
  }
  const list = candidates;
  for (let l = 0; l < listEnd.length; l++) listEnd[l] = l * listSize;
  for (let h = 0; h < keywordAt.length; h += 2) {
    const word = keywordAt[h + 1] as number;
    const at = keywordAt[h] as number;
    // a `--` is listed only where cliPasswordCanStart would let it through (before a flag word's
    // first letter): most are inside the dashes of PEM lines, about 950 on the bench document
    if (word === DASHES_WORD && !flagCanStart(text, at)) continue;
    const pairs = STARTS_BY_KEYWORD[word] as Int32Array;
    for (let j = 0; j < pairs.length; j += 2) {
      const s = at + (pairs[j + 1] as number);
      if (s < 0) continue;
      const l = pairs[j] as number;
      const first = l * listSize;
      const end = listEnd[l] as number;
      // the words come in order of position, so a start before the last one (an offset back, as
      // `sshpass`'s) goes only a few places back: put in place (no sort of the list afterwards),
      // once (two words can give the same start: `pw` and `pwd`)
      let k = end;
      while (k > first && (list[k - 1] as number) > s) k--;
      if (k > first && list[k - 1] === s) continue;
      for (let q = end; q > k; q--) list[q] = list[q - 1] as number;
      list[k] = s;
      listEnd[l] = end + 1;
    }
  }
}

/** The walk over one candidate list: the next index to read, its end, the first position past the last match. */
let cursor = 0;
let cursorEnd = 0;
let free = 0;

/** Starts the walk over list `l`, or (`lists` false: no candidates) resets `global` to search the whole text. */
function startList(lists: boolean, l: number, global: RegExp): void {
  if (lists) {
    cursor = l * listSize;
    cursorEnd = listEnd[l] as number;
    free = 0;
  } else global.lastIndex = 0;
}

/**
 * The next match of `sticky` at a candidate of the list being walked, as CandidateMatches finds it:
 * positions inside the last match are skipped (a global search goes on after its match), and a
 * position `admits` refuses is not handed to the regex engine. Small, so that V8 inlines it where
 * it is called with one precheck (a shared loop calling many prechecks left each a call).
 */
function nextCandidateMatch(
  text: string,
  sticky: RegExp,
  admits: (text: string, at: number) => boolean,
): RegExpExecArray | null {
  while (cursor < cursorEnd) {
    const s = candidates[cursor++] as number;
    if (s < free || !admits(text, s)) continue;
    sticky.lastIndex = s;
    const m = sticky.exec(text);
    if (m !== null) {
      free = s + m[0].length;
      return m;
    }
  }
  return null;
}

function admitsAll(): boolean {
  return true;
}

/** Each position precheck with the regex it stands before (for tests: false must imply no match there). */
export const CONTEXT_PRECHECKS: readonly [(text: string, at: number) => boolean, RegExp][] = [
  ...PATTERNS.map((p) => [p.admits, p.re] as [(text: string, at: number) => boolean, RegExp]),
  [wordThenValueCanStart, WORD_THEN_VALUE],
  [passwordPhraseCanStart, PASSWORD_PHRASE],
  [assignmentCanStart, ASSIGNMENT],
];

/**
 * PROSE_FOLLOWERS.has(value.toLowerCase()) for the value `text[start, end)`, without copying out
 * and lower-casing (two new strings) a value with an ASCII code that is neither a letter nor `-`:
 * every word of the set is letters and `-`, and lower-casing keeps such a code as it is (a code
 * from 128 on may become a letter: the Kelvin sign is a `k`).
 */
function isProseFollowerAt(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c < 128 && c !== 45 && !((c >= 65 && c <= 90) || (c >= 97 && c <= 122))) return false;
  }
  return PROSE_FOLLOWERS.has(text.slice(start, end).toLowerCase());
}

/**
 * `scan`: the keyword bits, the `=`/`:` flag and the positions of the credential words `scanText`
 * found in `text` (without positions, each pattern searches the whole text).
 */
export function detectContextCredentials(
  text: string,
  scan: { keywords: number; assigns: boolean; at: boolean; keywordAt?: readonly number[] },
  out: DetectionSink,
): void {
  const words = scan.keywords;
  if ((words & CONTEXT_WORDS) === 0) return;
  const keywordAt = scan.keywordAt;
  const lists = keywordAt !== undefined;
  if (lists) fillCandidates(text, keywordAt);
  // `user:password@host`: no `@`, no URL credentials
  if ((words & URL_WORD) !== 0 && scan.at) {
    startList(lists, URL_LIST, URL_CREDENTIALS);
    for (;;) {
      const m = lists ? nextCandidateMatch(text, URL_CREDENTIALS_AT, admitsAll) : URL_CREDENTIALS.exec(text);
      if (m === null) break;
      const userStart = m.index + 3;
      report(out, 'CONNECTION_STRING', userStart, m.index + m[0].length - 2, 'url-credentials');
    }
  }
  // one call per pattern rather than a loop over PATTERNS, so that each call site has one precheck
  if (scan.assigns) detectValues(text, words, lists, patternOf(keyValueCanStart), keyValueCanStart, out);
  detectValues(text, words, lists, patternOf(cliPasswordCanStart), cliPasswordCanStart, out);
  detectValues(text, words, lists, patternOf(authHeaderCanStart), authHeaderCanStart, out);
  detectValues(text, words, lists, patternOf(authorizationCanStart), authorizationCanStart, out);
  if ((words & PHRASE_WORDS) !== 0) detectPhrases(text, lists, out);
  if ((words & ASSIGNMENT_WORDS) !== 0 && scan.assigns) detectAssignments(text, lists, out);
  if ((words & WORD_VALUE_WORDS) !== 0) detectWordThenValue(text, lists, out);
}

/** The index in PATTERNS of the pattern with precheck `admits` (each precheck is one pattern's). */
function patternOf(admits: (text: string, at: number) => boolean): number {
  for (let p = 0; p < PATTERNS.length; p++) if ((PATTERNS[p] as ValuePattern).admits === admits) return p;
  throw new Error('no pattern has this precheck');
}

function detectValues(
  text: string,
  words: number,
  lists: boolean,
  p: number,
  admits: (text: string, at: number) => boolean,
  out: DetectionSink,
): void {
  const { re, sticky, need, entity, detector } = PATTERNS[p] as ValuePattern;
  if ((words & need) === 0) return;
  startList(lists, FIRST_PATTERN_LIST + p, re);
  for (;;) {
    const m = lists ? nextCandidateMatch(text, sticky, admits) : re.exec(text);
    if (m === null) break;
    const g = firstGroup(m);
    if (g && !isCodeReferenceAt(text, g.start, g.end)) report(out, entity, g.start, g.end, detector);
  }
}

function detectWordThenValue(text: string, lists: boolean, out: DetectionSink): void {
  startList(lists, WORD_VALUE_LIST, WORD_THEN_VALUE);
  for (;;) {
    const m = lists
      ? nextCandidateMatch(text, WORD_THEN_VALUE_AT, wordThenValueCanStart)
      : WORD_THEN_VALUE.exec(text);
    if (m === null) break;
    // the value (group 1) ends the match; read in the text, not copied out
    const rawEnd = m.index + m[0].length;
    const start = rawEnd - (m[1] as string).length;
    const end = trimmedEnd(text, start, rawEnd, VALUE_END);
    if (!looksRandomAt(text, start, end) || isCodeReferenceAt(text, start, end)) continue;
    report(out, 'SECRET', start, end, 'word-then-value');
  }
}

/**
 * Where `text[start, end)` ends without the characters of `trailing` (a `trailingCodes` mask) at
 * its end (as `.replace(/[…]+$/, '')` would cut a copy).
 */
function trimmedEnd(text: string, start: number, end: number, trailing: number): number {
  let e = end;
  while (e > start) {
    const c = text.charCodeAt(e - 1) - 32;
    if (c < 0 || c > 31 || ((trailing >>> c) & 1) === 0) break;
    e--;
  }
  return e;
}

/** Codes 32–63 as bits of one number (all the trailing punctuation lies there): no string search per character. */
function trailingCodes(chars: string): number {
  let mask = 0;
  for (let i = 0; i < chars.length; i++) {
    const c = chars.charCodeAt(i) - 32;
    if (c < 0 || c > 31) throw new Error(`not a code from 32 to 63: ${chars[i]}`);
    mask |= 1 << c;
  }
  return mask;
}

const VALUE_END = trailingCodes('.,;)');
const PROSE_END = trailingCodes('.,;!?)');
const BRACKET_END = trailingCodes(')');

/** `/^pin/i` (ASCII letters only: without the `u` flag no other letter folds to them). */
function startsWithPin(s: string): boolean {
  return (s.charCodeAt(0) | 32) === 112 && (s.charCodeAt(1) | 32) === 105 && (s.charCodeAt(2) | 32) === 110;
}
/** `/^\d{4,8}$/` on `text[start, end)` (`\d` without the `u` flag: ASCII digits only). */
function isPinDigits(text: string, start: number, end: number): boolean {
  if (end - start < 4 || end - start > 8) return false;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

function detectPhrases(text: string, lists: boolean, out: DetectionSink): void {
  startList(lists, PHRASE_LIST, PASSWORD_PHRASE);
  for (;;) {
    const m = lists
      ? nextCandidateMatch(text, PASSWORD_PHRASE_AT, passwordPhraseCanStart)
      : PASSWORD_PHRASE.exec(text);
    if (m === null) break;
    // the value (group 1) ends the match; read in the text, not copied out
    const valueEnd = m.index + m[0].length;
    const start = valueEnd - (m[1] as string).length;
    const bareEnd = trimmedEnd(text, start, valueEnd, PROSE_END);
    if (
      bareEnd === start ||
      isProseFollowerAt(text, start, bareEnd) ||
      isCodeReferenceAt(text, start, bareEnd)
    )
      continue;
    // "the PIN is four digits": a PIN is only taken when it is digits.
    if (startsWithPin(m[0]) && !isPinDigits(text, start, bareEnd)) continue;
    // the whole token after the prompt is the password (`Hunter2-Sup3r!` keeps its `!`); only a
    // closing bracket is left out
    report(out, 'PASSWORD', start, trimmedEnd(text, start, valueEnd, BRACKET_END), 'password-phrase');
  }
}

function detectAssignments(text: string, lists: boolean, out: DetectionSink): void {
  startList(lists, ASSIGNMENT_LIST, ASSIGNMENT);
  for (;;) {
    const m = lists ? nextCandidateMatch(text, ASSIGNMENT_AT, assignmentCanStart) : ASSIGNMENT.exec(text);
    if (m === null) break;
    // the value (group 2) ends the match; read in the text, not copied out
    const rawEnd = m.index + m[0].length;
    const start = rawEnd - (m[2] as string).length;
    const end = trimmedEnd(text, start, rawEnd, VALUE_END);
    const nameEnd = m.index + (m[1] as string).length;
    const nameStart = nameStartBefore(text, m.index);
    if (
      isNotCredentialName(text, nameStart, nameEnd) ||
      isHostNameAt(text, start, end) ||
      isCodeReferenceAt(text, start, end)
    )
      continue;
    const strong = end - start >= 8 && isCredentialName(text, nameStart, nameEnd);
    if (!strong && !looksRandomAt(text, start, end)) continue;
    report(out, 'SECRET', start, end, strong ? 'credential-assignment' : 'assignment-high-entropy');
  }
}

/**
 * Where the whole name the credential word at `at` stands in starts (`GITHUB_TOKEN` for the match
 * at `TOKEN`): the name codes before it.
 */
function nameStartBefore(text: string, at: number): number {
  let s = at;
  while (s > 0) {
    const c = text.charCodeAt(s - 1);
    const word =
      (c >= 48 && c <= 57) ||
      (c >= 65 && c <= 90) ||
      (c >= 97 && c <= 122) ||
      c === 95 ||
      c === 45 ||
      c === 46;
    if (!word) break;
    s--;
  }
  return s;
}
