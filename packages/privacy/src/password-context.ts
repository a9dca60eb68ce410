/**
 * When typed text is a password whatever it looks like: in a password-like window (title or
 * application), after a command that will prompt for one (`sudo`, `ssh`, `passwd`, ...), or after a
 * line ending in "password:". Such text becomes one PASSWORD marker up to the next boundary.
 */

export const DEFAULT_PASSWORD_TITLE_PATTERNS: readonly RegExp[] = [
  /pass(?:word|phrase|code|wort)|mot de passe|contrase(?:ñ|n)a|kennwort/i,
  /\bsign[ -]?in\b|\blog[ -]?[io]n\b|\blogon\b|authenticat|\bunlock\b|credential|keychain/i,
  /\bpin\b|pinentry|askpass|\b2fa\b|two[- ]factor|verification code|one[- ]time (?:code|password)|\botp\b|\bsudo\b/i,
];

/** Applications that only ever ask for secrets. */
const PASSWORD_APPS =
  /pinentry|keepass|1password|bitwarden|lastpass|polkit|askpass|gcr-prompter|seahorse|kwallet/i;

export function isPasswordWindow(
  app: string,
  title: string | undefined,
  patterns: readonly RegExp[],
): boolean {
  if (PASSWORD_APPS.test(app)) return true;
  if (title === undefined) return false;
  for (const p of patterns) if (p.test(title)) return true;
  return false;
}

/** Commands after which the next line typed is (usually) a password, and lines that end in a prompt. */
const PROMPTING_COMMAND =
  /^\s*(?:\S+[$#%>]\s+)?(?:sudo|su|doas|pkexec|passwd|chpasswd|ssh|scp|sftp|ssh-add|ssh-keygen|ssh-copy-id|kinit|gpg|htpasswd|keytool|cryptsetup|veracrypt|ansible-vault|(?:docker|podman|helm|npm|vault)\s+login|(?:mysql|mariadb|mysqldump)\b.*\s-p|psql\b.*\s-W|zip\s+-e|.*--ask-(?:become-)?pass)(?:\s|$)/;
const ENDS_IN_PROMPT = /(?:password|passphrase|passcode|passwort|\bpin)\s*(?:for \S+\s*)?[:?]\s*$/i;

/** After `line` is entered (Enter), will the next line be a password? */
export function promptsForPassword(line: string): boolean {
  return PROMPTING_COMMAND.test(line) || ENDS_IN_PROMPT.test(line);
}

const PEM_BEGIN = /-----BEGIN[A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----|PuTTY-User-Key-File-\d:/;
const PEM_END = /-----END[A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----|Private-MAC:/;

/** Does a private key block start in `text` and stay open at its end? */
export function opensPrivateKey(text: string): boolean {
  const b = text.search(PEM_BEGIN);
  if (b < 0) return false;
  return !PEM_END.test(text.slice(b));
}

export function closesPrivateKey(text: string): boolean {
  return PEM_END.test(text);
}
