/**
 * The `steno …` commands the docs show, and whether each parses against the real CLI (issue 18).
 * Commands come from shell code blocks (run as written) and from inline code spans that start
 * with `steno` (the README's command table). The docs' shorthand is read the way a reader reads
 * it: `[…]` is optional (its contents are checked too); `|` separates alternatives, each checked:
 * a sibling subcommand (`dataset build SPEC|list|show ID`) or another value for the word before
 * (`--role ingest|writer`); a placeholder (ID, FILE, <id>, '…', $VAR) counts as a value. An
 * inline span that names only a command path (`steno incident verify` in prose) is a reference:
 * the path must exist. Everything else is parsed by commander with the actions replaced by no-ops.
 */
import { type Command, CommanderError } from 'commander';

export interface DocCommand {
  /** file:line */
  where: string;
  /** As written (after the shell prefix and comment are stripped). */
  text: string;
  /** The words after `steno`; a word may hold `|` alternatives (see variants). */
  words: string[];
  /** An inline span naming a command: only the path is checked when it has no other words. */
  inline: boolean;
}

const SHELL_LANGS = new Set(['sh', 'bash', 'shell', 'console', 'zsh']);

/** Every `steno …` command in a Markdown (or commented text) file. */
export function extractCommands(text: string, file: string): DocCommand[] {
  const out: DocCommand[] = [];
  const lines = text.split('\n');
  let fence: { marker: string; lang: string } | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const f = /^\s*(```+|~~~+)\s*([\w-]*)/.exec(line);
    if (f) {
      if (!fence) fence = { marker: f[1] ?? '```', lang: (f[2] ?? '').toLowerCase() };
      else if (line.trim().startsWith(fence.marker)) fence = undefined;
      continue;
    }
    if (fence) {
      // Shell blocks: every line; unlabelled blocks: only a line that starts with the command.
      if (!SHELL_LANGS.has(fence.lang) && !(fence.lang === '' && /^(\$ )?(npx )?steno /.test(line))) continue;
      let full = line;
      while (full.endsWith('\\') && i + 1 < lines.length) full = `${full.slice(0, -1)} ${lines[++i] ?? ''}`;
      for (const segment of shellSegments(stripComment(full))) {
        const words = commandWords(segment);
        if (words) out.push(doc(file, i + 1, segment, words, false));
      }
      continue;
    }
    for (const m of line.matchAll(/`([^`]+)`/g)) {
      const span = (m[1] ?? '').replaceAll('\\|', '|');
      const words = commandWords(span);
      if (words && words.length > 0) out.push(doc(file, i + 1, span, words, true));
    }
  }
  return out;
}

function doc(file: string, line: number, text: string, words: string[], inline: boolean): DocCommand {
  return { where: `${file}:${line}`, text: text.trim(), words, inline };
}

/** A shell comment: `#` at the start or after a space, outside quotes. */
function stripComment(line: string): string {
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === quote) quote = undefined;
    } else if (c === "'" || c === '"') quote = c;
    else if (c === '#' && (i === 0 || /\s/.test(line[i - 1] ?? ''))) return line.slice(0, i);
  }
  return line;
}

/** Commands joined by `&&`, `||`, `;` or a pipe, and a trailing `&`. */
function shellSegments(line: string): string[] {
  return line
    .split(/\s(?:&&|\|\||;|\|)\s|;\s*$/)
    .map((s) => s.replace(/\s&\s*$/, '').trim())
    .filter(Boolean);
}

/** The words after `steno` (with `$ `, `npx ` and VAR=value prefixes dropped), or undefined. */
function commandWords(text: string): string[] | undefined {
  const words = shellWords(text.trim().replace(/^\$ /, ''));
  while (words.length && /^[A-Z_][A-Z0-9_]*=/.test(words[0] ?? '')) words.shift();
  if (words[0] === 'npx') words.shift();
  if (words[0] !== 'steno') return undefined;
  return words
    .slice(1)
    .map((w) => w.replace(/^\[+|\]+$/g, ''))
    .filter(Boolean);
}

/** Splits like a shell: whitespace separates words, quotes group them and are removed; <a b> is one word. */
function shellWords(text: string): string[] {
  const words: string[] = [];
  let cur = '';
  let quote: string | undefined;
  let started = false;
  for (const c of text) {
    if (quote === '<') {
      cur += c;
      if (c === '>') quote = undefined;
    } else if (quote) {
      if (c === quote) quote = undefined;
      else cur += c;
    } else if (c === '<' && !cur) {
      quote = c;
      cur = c;
    } else if (c === "'" || c === '"') {
      quote = c;
      started = true;
    } else if (/\s/.test(c)) {
      if (started || cur) words.push(cur);
      cur = '';
      started = false;
    } else cur += c;
  }
  if (started || cur) words.push(cur);
  return words;
}

/**
 * The commands a shorthand stands for: after `|` comes either a sibling subcommand of the first
 * alternative's command (a new command under the same group) or another value for the word
 * before the `|`.
 */
export function variants(program: Command, words: string[]): string[][] {
  const parts: string[][] = [[]];
  for (const w of words) {
    const pieces = w.includes('|') && !w.startsWith('$') ? w.split('|') : [w];
    parts[parts.length - 1]?.push(pieces[0] ?? '');
    for (const p of pieces.slice(1)) parts.push([p]);
  }
  const [first = [], ...rest] = parts.map((p) => p.filter(Boolean));
  // The group whose subcommands may follow a `|`: the parent of the deepest command named.
  const path = commandPathOf(program, first);
  const groupWords = first.slice(0, Math.max(0, path.length - 1));
  const group = path.length >= 2 ? path[path.length - 2] : program;
  const out = [first];
  for (const part of rest) {
    const prev = out[out.length - 1] ?? [];
    const sibling = group?.commands.some((c) => c.name() === part[0]);
    out.push(sibling ? [...groupWords, ...part] : [...prev.slice(0, -1), ...part]);
  }
  return out;
}

/** The commands the leading words name, outermost first (empty when the first word is none). */
function commandPathOf(program: Command, words: string[]): Command[] {
  const path: Command[] = [];
  let cmd = program;
  for (const w of words) {
    const sub = cmd.commands.find((c) => c.name() === w || c.aliases().includes(w));
    if (!sub) break;
    path.push(sub);
    cmd = sub;
  }
  return path;
}

/** A word the docs use in place of a value: ID, FILE, <id>, '…', $VAR or $(…). */
export function isPlaceholder(word: string): boolean {
  return /^[A-Z][A-Z0-9_]*$/.test(word) || /^<[^>]+>$/.test(word) || word.includes('…') || word.includes('$');
}

/** Every problem of a documented command: `steno VARIANT: why` for each variant that does not parse. */
export function docCommandProblems(build: () => Command, doc: DocCommand): string[] {
  return variants(build(), doc.words).flatMap((words) => {
    const problem = parseProblem(build, words, doc.inline);
    return problem ? [`${doc.where}: steno ${words.join(' ')}: ${problem}`] : [];
  });
}

/** Why `steno WORDS` does not parse, or undefined when it does (a reference needs only its path). */
export function parseProblem(build: () => Command, words: string[], reference: boolean): string | undefined {
  const program = build();
  if (reference) {
    const path = commandPathOf(program, words);
    if (path.length > 0 && path.length === words.length) return undefined;
  }
  silence(program);
  try {
    program.parse(words, { from: 'user' });
    return undefined;
  } catch (err) {
    if (!(err instanceof CommanderError)) throw err;
    if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version') return undefined;
    if (err.code === 'commander.help') return 'names a command group: say which subcommand';
    return err.message;
  }
}

/** No output, no exit, no action; placeholders skip the value checks (choices, custom parsers). */
function silence(cmd: Command): void {
  cmd.exitOverride().configureOutput({ writeOut: () => {}, writeErr: () => {}, outputError: () => {} });
  if ((cmd as unknown as { _actionHandler?: unknown })._actionHandler) cmd.action(() => {});
  const parsers = [...cmd.options, ...cmd.registeredArguments];
  for (const p of parsers) {
    const parse = p.parseArg;
    if (parse)
      p.parseArg = (<T>(value: string, previous: T): T =>
        isPlaceholder(value) ? (value as T) : parse(value, previous)) as typeof parse;
  }
  for (const sub of cmd.commands) silence(sub);
}
