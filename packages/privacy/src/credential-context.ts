/**
 * Credentials recognised by their context rather than their shape: passwords inside connection
 * strings and URLs, password flags on command lines, "password: ..." phrases, and long
 * high-entropy values assigned to secret-sounding names (`API_TOKEN=...`, `"secret": "..."`).
 */
import { type DetectionSink, report } from './detection.ts';
import { looksRandom } from './entropy.ts';
import { KW_PIN_WORD, KW_PW_WORD, kw } from './text-scan.ts';

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
  /((?:key|token|secret|passw(?:or)?d|pwd|credential|auth|signature|salt|private|session|cookie|bearer)[A-Za-z0-9_.-]*)["'`]?\s*(?::=|=>|=|:)\s*["'`]?([A-Za-z0-9+/=_.~!@#$%^&*-]{16,})/gi;

/** A value that is code or a reference to a secret kept elsewhere, not the secret itself. */
const CODE_REFERENCE =
  /^(?:[A-Za-z_$][\w$.]*\(|(?:process\.env|os\.environ|os\.getenv|env\.|self\.|this\.|config\.|settings\.|args\.|opts\.|options\.|req\.|request\.)|\{\{|%\(|<%|<[A-Za-z_-]+>$|(?:true|false|null|none|undefined|nil|required|optional|string|str|bool|int)$)/i;

/** `$PASS`, `${DB_PASSWORD}`, `$(cat secret)`, `$db_pass`: a shell reference (mixed-case `$xY7...` is a value). */
const SHELL_REFERENCE = /^\$(?:\{|\(|[A-Z_][A-Z0-9_]*$|[a-z_][a-z0-9_]*$)/;

export function isCodeReference(value: string): boolean {
  return CODE_REFERENCE.test(value) || SHELL_REFERENCE.test(value);
}

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

const PATTERNS = [
  [KV_PASSWORD, KV_WORDS, 'PASSWORD', 'connection-string-password'],
  [CLI_PASSWORD, CLI_WORDS, 'PASSWORD', 'command-line-password'],
  [AUTH_HEADER, AUTH_WORDS, 'SECRET', 'authorization-header'],
] as const;

/** `scan`: the keyword bits and the `=`/`:` flag `scanText` found in `text`. */
export function detectContextCredentials(
  text: string,
  scan: { keywords: number; assigns: boolean },
  out: DetectionSink,
): void {
  const words = scan.keywords;
  if ((words & CONTEXT_WORDS) === 0) return;
  if ((words & kw('://')) !== 0) {
    URL_CREDENTIALS.lastIndex = 0;
    for (let m = URL_CREDENTIALS.exec(text); m !== null; m = URL_CREDENTIALS.exec(text)) {
      const userStart = m.index + 3;
      report(out, 'CONNECTION_STRING', userStart, m.index + m[0].length - 2, 'url-credentials');
    }
  }
  for (const [re, need, entity, detector] of PATTERNS) {
    if ((words & need) === 0 || (re === KV_PASSWORD && !scan.assigns)) continue;
    re.lastIndex = 0;
    for (let m = re.exec(text); m !== null; m = re.exec(text)) {
      const g = firstGroup(m);
      if (g && !isCodeReference(text.slice(g.start, g.end))) report(out, entity, g.start, g.end, detector);
    }
  }
  if ((words & PHRASE_WORDS) !== 0) detectPhrases(text, out);
  if ((words & ASSIGNMENT_WORDS) !== 0 && scan.assigns) detectAssignments(text, out);
}

function detectPhrases(text: string, out: DetectionSink): void {
  PASSWORD_PHRASE.lastIndex = 0;
  for (let m = PASSWORD_PHRASE.exec(text); m !== null; m = PASSWORD_PHRASE.exec(text)) {
    const value = m[1] ?? '';
    const bare = value.replace(/[.,;!?)]+$/, '');
    if (bare.length === 0 || PROSE_FOLLOWERS.has(bare.toLowerCase()) || isCodeReference(bare)) continue;
    // "the PIN is four digits": a PIN is only taken when it is digits.
    if (/^pin/i.test(m[0]) && !/^\d{4,8}$/.test(bare)) continue;
    const start = m.index + m[0].length - value.length;
    report(out, 'PASSWORD', start, start + bare.length, 'password-phrase');
  }
}

function detectAssignments(text: string, out: DetectionSink): void {
  ASSIGNMENT.lastIndex = 0;
  for (let m = ASSIGNMENT.exec(text); m !== null; m = ASSIGNMENT.exec(text)) {
    const value = (m[2] ?? '').replace(/[.,;)]+$/, '');
    if (!looksRandom(value)) continue;
    const start = m.index + m[0].length - (m[2] ?? '').length;
    report(out, 'SECRET', start, start + value.length, 'assignment-high-entropy');
  }
}
