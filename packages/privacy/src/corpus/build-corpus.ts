/**
 * Builds the labelled corpus (packages/privacy/corpus/corpus.jsonl): every entity category in its
 * formats and contexts, typed plainly and with corrections, plus password windows, password prompts
 * and multi-line private keys; and negatives of every category. Deterministic from a seed.
 */
import { ALL_CATEGORIES, generate } from './entity-generators.ts';
import { NEGATIVE_CATEGORIES, NEGATIVE_GENERATORS } from './negative-generators.ts';
import { ALNUM, chars, int, pick, type Rng, seeded } from './random.ts';

export interface CorpusEntry {
  id: string;
  kind: 'positive' | 'negative';
  category: string;
  entity?: string;
  text: string;
  /** Values that must leave no 4-character window in the output. */
  secrets?: string[];
  /** Drives the corrections when the entry is typed (see typing.ts); absent: typed straight. */
  choices?: number[];
  /** Window title to focus before typing (password windows). */
  title?: string;
  /** Only meaningful as keystrokes (needs the window or the prompt): not scored on plain text. */
  eventsOnly?: boolean;
}

const CONTEXTS = [
  '{x}',
  'see {x} ok',
  'Hi team, here it is: {x} - thanks',
  'note: {x}\nback to the ticket',
  '- {x}, let me know',
  'copied {x} from the old wiki',
];

function choices(r: Rng): number[] {
  return Array.from({ length: int(r, 8, 40) }, () => int(r, 0, 999));
}

function password(r: Rng): string {
  return `${chars(r, ALNUM, int(r, 8, 14))}${pick(r, ['!', '#', '%', '2', '9'])}`;
}

function pem(r: Rng): { text: string; secrets: string[] } {
  const kind = pick(r, ['RSA PRIVATE KEY', 'PRIVATE KEY', 'OPENSSH PRIVATE KEY', 'EC PRIVATE KEY']);
  const lines = Array.from({ length: int(r, 3, 6) }, () => chars(r, `${ALNUM}+/`, 64));
  return { text: `-----BEGIN ${kind}-----\n${lines.join('\n')}\n-----END ${kind}-----`, secrets: lines };
}

export function buildCorpus(seed = 20_240_601, perCategory = 60, negativesPerCategory = 120): CorpusEntry[] {
  const r = seeded(seed);
  const out: CorpusEntry[] = [];
  for (const category of ALL_CATEGORIES) {
    for (let i = 0; i < perCategory; i++) {
      const g = generate(category, r);
      const text = pick(r, CONTEXTS).replace('{x}', g.snippet);
      const e: CorpusEntry = {
        id: `${category}-${i}`,
        kind: 'positive',
        category,
        entity: g.entity,
        text,
        secrets: [g.secret],
      };
      if (i % 2 === 1) e.choices = choices(r);
      out.push(e);
    }
  }
  for (let i = 0; i < perCategory; i++) {
    const k = pem(r);
    out.push({
      id: `private-key-${i}`,
      kind: 'positive',
      category: 'private-key',
      entity: 'PRIVATE_KEY',
      text: k.text,
      secrets: k.secrets,
    });
    const pw = password(r);
    const title = pick(r, [
      'Sign in – Acme SSO',
      'Enter Password',
      'Unlock Keychain',
      'pinentry',
      'Log in to Jira',
      'Authentication Required',
    ]);
    out.push({
      id: `password-window-${i}`,
      kind: 'positive',
      category: 'password-window',
      entity: 'PASSWORD',
      text: `${pw}\n`,
      secrets: [pw],
      title,
      eventsOnly: true,
      ...(i % 2 ? { choices: choices(r) } : {}),
    });
    const cmd = pick(r, [
      'sudo systemctl restart nginx',
      'su - postgres',
      'ssh deploy@web1.internal',
      'passwd',
      'docker login registry.corp',
      'sudo -i',
    ]);
    const pw2 = password(r);
    out.push({
      id: `password-prompt-${i}`,
      kind: 'positive',
      category: 'password-prompt',
      entity: 'PASSWORD',
      text: `${cmd}\n${pw2}\n`,
      secrets: [pw2],
      eventsOnly: true,
    });
  }
  for (const category of NEGATIVE_CATEGORIES) {
    const gen = NEGATIVE_GENERATORS[category] as (r: Rng) => string;
    for (let i = 0; i < negativesPerCategory; i++) {
      const e: CorpusEntry = { id: `${category}-${i}`, kind: 'negative', category, text: gen(r) };
      if (i % 2 === 1) e.choices = choices(r);
      out.push(e);
    }
  }
  return out;
}
