/**
 * Generators of realistic secrets and identifiers, each in one of its common written formats and
 * with the context it usually comes with (`password: ...`, `postgres://...`). `secret` is the part
 * that must vanish; `snippet` is what is typed. Checksummed identifiers are generated valid.
 */
import type { EntityType } from '@steno/protocol';
import {
  codiceFiscaleValid,
  elevenTestValid,
  frenchNirValid,
  luhnValid,
  mod97,
  verhoeffValid,
} from '../checksums.ts';
import { ALNUM, chars, DIGITS, int, pick, type Rng, UPPER } from './random.ts';

export interface Generated {
  category: string;
  entity: EntityType;
  snippet: string;
  secret: string;
}

type Gen = (rng: Rng) => { snippet: string; secret: string };

const B64URL = `${ALNUM}-_`;
const PW_CHARS = `${ALNUM}!#$%&*+-?_.`;
const FIRST = [
  'alice',
  'bob',
  'carol',
  'dmitri',
  'eve',
  'fatima',
  'gunnar',
  'hiro',
  'ines',
  'jamal',
  'kofi',
  'lena',
];
const LAST = [
  'smith',
  'nguyen',
  'okafor',
  'schmidt',
  'garcia',
  'tanaka',
  'rossi',
  'dubois',
  'kowalski',
  'oconnor',
];
const DOMAINS = [
  'corp.com',
  'example.org',
  'mail.acme.co.uk',
  'gmail.com',
  'outlook.fr',
  'uni-heidelberg.de',
  'steno.dev',
];

function password(rng: Rng): string {
  let pw = chars(rng, PW_CHARS, int(rng, 8, 18));
  if (!/\d/.test(pw)) pw += chars(rng, DIGITS, 2);
  return pw;
}

function completeLuhn(body: string): string {
  for (let d = 0; d <= 9; d++) if (luhnValid(body + d)) return body + d;
  return `${body}0`;
}

function b64url(s: string): string {
  return Buffer.from(s).toString('base64url');
}

function ibanFor(country: string, bban: string): string {
  const numeric = `${bban}${country}00`.replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
  const check = String(98 - mod97(numeric)).padStart(2, '0');
  return country + check + bban;
}

function grouped(s: string, size: number, sep: string): string {
  const parts: string[] = [];
  for (let i = 0; i < s.length; i += size) parts.push(s.slice(i, i + size));
  return parts.join(sep);
}

const secretGens: Record<string, { entity: EntityType; gen: Gen }> = {
  'aws-access-key': {
    entity: 'API_KEY',
    gen: (r) => one(`${pick(r, ['AKIA', 'ASIA'])}${chars(r, `${UPPER}234567`, 16)}`),
  },
  'github-token': {
    entity: 'API_KEY',
    gen: (r) => one(`${pick(r, ['ghp_', 'gho_', 'ghs_'])}${chars(r, ALNUM, 36)}`),
  },
  'github-pat': {
    entity: 'API_KEY',
    gen: (r) => one(`github_pat_${chars(r, ALNUM, 22)}_${chars(r, ALNUM, 59)}`),
  },
  'gitlab-token': { entity: 'API_KEY', gen: (r) => one(`glpat-${chars(r, B64URL, 20)}`) },
  'slack-token': {
    entity: 'API_KEY',
    gen: (r) =>
      one(
        `${pick(r, ['xoxb', 'xoxp'])}-${chars(r, DIGITS, 12)}-${chars(r, DIGITS, 13)}-${chars(r, ALNUM, 24)}`,
      ),
  },
  'stripe-key': {
    entity: 'API_KEY',
    gen: (r) => one(`${pick(r, ['sk_live_', 'rk_live_', 'sk_test_'])}${chars(r, ALNUM, int(r, 24, 99))}`),
  },
  'openai-key': { entity: 'API_KEY', gen: (r) => one(`sk-proj-${chars(r, B64URL, int(r, 48, 120))}`) },
  'anthropic-key': { entity: 'API_KEY', gen: (r) => one(`sk-ant-api03-${chars(r, B64URL, 93)}AA`) },
  'google-api-key': { entity: 'API_KEY', gen: (r) => one(`AIza${chars(r, B64URL, 35)}`) },
  'huggingface-token': { entity: 'API_KEY', gen: (r) => one(`hf_${chars(r, ALNUM, 34)}`) },
  'npm-token': { entity: 'API_KEY', gen: (r) => one(`npm_${chars(r, ALNUM, 36)}`) },
  jwt: {
    entity: 'JWT',
    gen: (r) =>
      one(
        `${b64url(JSON.stringify({ alg: pick(r, ['HS256', 'RS256']), typ: 'JWT' }))}.${b64url(
          JSON.stringify({ sub: chars(r, DIGITS, 8), name: pick(r, FIRST), iat: int(r, 1.6e9, 1.8e9) }),
        )}.${chars(r, B64URL, 43)}`,
      ),
  },
  'password-phrase': {
    entity: 'PASSWORD',
    gen: (r) => {
      const pw = password(r);
      return {
        snippet: pick(r, [
          `password: ${pw}`,
          `the password is ${pw}`,
          `pwd=${pw}`,
          `Passwort: ${pw}`,
          `passphrase = ${pw}`,
        ]),
        secret: pw,
      };
    },
  },
  'connection-string': {
    entity: 'CONNECTION_STRING',
    gen: (r) => {
      const pw = password(r).replace(/[#?@/]/g, 'x');
      const user = pick(r, ['admin', 'app', 'postgres', 'root', 'svc_etl']);
      return {
        snippet: pick(r, [
          `postgres://${user}:${pw}@db.internal:5432/app`,
          `mongodb+srv://${user}:${pw}@cluster0.mongodb.net/test`,
          `redis://:${pw}@cache.local:6379/0`,
          `Server=tcp:db.corp;Database=crm;User Id=${user};Password=${pw};`,
          `amqp://${user}:${pw}@mq.internal/vhost`,
        ]),
        secret: pw,
      };
    },
  },
  'command-line-password': {
    entity: 'PASSWORD',
    gen: (r) => {
      const pw = password(r).replace(/['"]/g, 'q');
      return {
        snippet: pick(r, [
          `mysql -u root -p${pw} shop`,
          `pg_dump --password=${pw} crm`,
          `sshpass -p ${pw} ssh deploy@web1`,
          `curl -u admin:${pw} https://api.internal/v1`,
          `vault login --token ${pw}`,
        ]),
        secret: pw,
      };
    },
  },
  'assignment-secret': {
    entity: 'SECRET',
    gen: (r) => {
      const v = chars(r, ALNUM, int(r, 24, 48));
      return {
        snippet: pick(r, [
          `API_TOKEN=${v}`,
          `"client_secret": "${v}"`,
          `export SESSION_SECRET=${v}`,
          `auth_key = '${v}'`,
        ]),
        secret: v,
      };
    },
  },
};

const personalGens: Record<string, { entity: EntityType; gen: Gen }> = {
  email: {
    entity: 'EMAIL',
    gen: (r) => {
      const f = pick(r, FIRST);
      const l = pick(r, LAST);
      return one(
        pick(r, [`${f}.${l}`, `${f}${int(r, 1, 99)}`, `${f[0]}${l}`, `${f}+news`, `${f}_${l}`]) +
          `@${pick(r, DOMAINS)}`,
      );
    },
  },
  'phone-international': {
    entity: 'PHONE',
    gen: (r) =>
      one(
        pick(r, [
          `+44 20 ${chars(r, DIGITS, 4)} ${chars(r, DIGITS, 4)}`,
          `+1 (415) 555-${chars(r, DIGITS, 4)}`,
          `+33 6 ${grouped(chars(r, DIGITS, 8), 2, ' ')}`,
          `+49 30 ${chars(r, DIGITS, 8)}`,
          `+91 98${chars(r, DIGITS, 3)} ${chars(r, DIGITS, 5)}`,
          `+447700${chars(r, DIGITS, 6)}`,
          `0044 7700 ${chars(r, DIGITS, 6)}`,
        ]),
      ),
  },
  'phone-national': {
    entity: 'PHONE',
    gen: (r) =>
      one(
        pick(r, [
          `(${int(r, 201, 989)}) ${int(r, 200, 999)}-${chars(r, DIGITS, 4)}`,
          `${int(r, 201, 989)}-${int(r, 200, 999)}-${chars(r, DIGITS, 4)}`,
          `${int(r, 201, 989)}.${int(r, 200, 999)}.${chars(r, DIGITS, 4)}`,
          `020 ${chars(r, DIGITS, 4)} ${chars(r, DIGITS, 4)}`,
          `07700 ${chars(r, DIGITS, 6)}`,
          `0${int(r, 1, 7)} ${grouped(chars(r, DIGITS, 8), 2, ' ')}`,
          `030 ${chars(r, DIGITS, 8)}`,
        ]),
      ),
  },
  card: {
    entity: 'CARD',
    gen: (r) => {
      const amex = r() < 0.2;
      const body = amex
        ? `3${pick(r, ['4', '7'])}${chars(r, DIGITS, 12)}`
        : `${pick(r, ['4', '51', '55', '2221'])}`;
      const digits = amex ? completeLuhn(body) : completeLuhn(body + chars(r, DIGITS, 15 - body.length));
      if (amex)
        return one(pick(r, [digits, `${digits.slice(0, 4)} ${digits.slice(4, 10)} ${digits.slice(10)}`]));
      return one(pick(r, [digits, grouped(digits, 4, ' '), grouped(digits, 4, '-')]));
    },
  },
  iban: {
    entity: 'IBAN',
    gen: (r) => {
      const [country, bban] = pick(r, [
        ['GB', `${chars(r, UPPER, 4)}${chars(r, DIGITS, 14)}`],
        ['DE', chars(r, DIGITS, 18)],
        ['FR', chars(r, DIGITS, 23)],
        ['NL', `${chars(r, UPPER, 4)}${chars(r, DIGITS, 10)}`],
        ['ES', chars(r, DIGITS, 20)],
        ['IT', `${chars(r, UPPER, 1)}${chars(r, DIGITS, 22)}`],
      ] as const);
      const iban = ibanFor(country, bban);
      return one(r() < 0.5 ? iban : grouped(iban, 4, ' '));
    },
  },
  'us-ssn': {
    entity: 'SSN',
    gen: (r) => {
      const s = `${int(r, 1, 665).toString().padStart(3, '0')}${int(r, 1, 99).toString().padStart(2, '0')}${int(r, 1, 9999).toString().padStart(4, '0')}`;
      return one(
        pick(r, [
          `${s.slice(0, 3)}-${s.slice(3, 5)}-${s.slice(5)}`,
          `${s.slice(0, 3)} ${s.slice(3, 5)} ${s.slice(5)}`,
        ]),
      );
    },
  },
  'uk-nino': {
    entity: 'NINO',
    gen: (r) => {
      const p = `${pick(r, 'ABCEHJKLMPRSWXY'.split(''))}${pick(r, 'ABCEHJKLMPRSTWXY'.split(''))}`;
      const d = chars(r, DIGITS, 6);
      const s = pick(r, ['A', 'B', 'C', 'D']);
      return one(r() < 0.5 ? `${p}${d}${s}` : `${p} ${d.slice(0, 2)} ${d.slice(2, 4)} ${d.slice(4)} ${s}`);
    },
  },
  'national-id': {
    entity: 'NATIONAL_ID',
    gen: (r) => {
      const kind = int(r, 0, 5);
      if (kind === 0) {
        const n = chars(r, DIGITS, 8);
        return one(n + 'TRWAGMYFPDXBNJZSQVHLCKE'[Number(n) % 23]);
      }
      if (kind === 1) {
        const body = `${pick(r, ['1', '2'])}${chars(r, DIGITS, 2)}${int(r, 1, 12).toString().padStart(2, '0')}${chars(r, DIGITS, 8)}`;
        for (let k = 1; k <= 97; k++) {
          const key = String(k).padStart(2, '0');
          if (frenchNirValid(body + key))
            return one(
              r() < 0.5
                ? body + key
                : `${body[0]} ${body.slice(1, 3)} ${body.slice(3, 5)} ${body.slice(5, 7)} ${body.slice(7, 10)} ${body.slice(10)} ${key}`,
            );
        }
      }
      if (kind === 2) {
        const body = `${int(r, 2, 9)}${chars(r, DIGITS, 10)}`;
        for (let d = 0; d <= 9; d++)
          if (verhoeffValid(body + d)) return one(grouped(body + d, 4, pick(r, [' ', '-', ''])));
      }
      if (kind === 3) {
        const sin = completeLuhn(`${int(r, 1, 7)}${chars(r, DIGITS, 7)}`);
        return one(grouped(sin, 3, pick(r, [' ', '-'])));
      }
      if (kind === 4) {
        const cf = `${chars(r, UPPER, 6)}${chars(r, DIGITS, 2)}${pick(r, 'ABCDEHLMPRST'.split(''))}${chars(r, DIGITS, 2)}${chars(r, UPPER, 1)}${chars(r, DIGITS, 3)}`;
        for (const c of UPPER) if (codiceFiscaleValid(cf + c)) return one(cf + c);
      }
      for (;;) {
        const bsn = chars(r, DIGITS, 9);
        if (elevenTestValid(bsn) && bsn[0] !== '0') return { snippet: `BSN ${bsn}`, secret: bsn };
      }
    },
  },
};

function one(v: string): { snippet: string; secret: string } {
  return { snippet: v, secret: v };
}

export const SECRET_CATEGORIES = Object.keys(secretGens);
export const PERSONAL_CATEGORIES = Object.keys(personalGens);
export const ALL_CATEGORIES = [...SECRET_CATEGORIES, ...PERSONAL_CATEGORIES];

export function generate(category: string, rng: Rng): Generated {
  const g = secretGens[category] ?? personalGens[category];
  if (!g) throw new Error(`unknown category ${category}`);
  const { snippet, secret } = g.gen(rng);
  return { category, entity: g.entity, snippet, secret };
}
