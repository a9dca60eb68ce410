/**
 * The key-encryption key (KEK): 32 bytes that wrap every data key. It lives outside the database:
 * from STENO_KEK (base64) or a 0600 file, created on first start in embedded mode.
 */
import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { StenoError } from '../errors.ts';

export interface Kek {
  /** Short id of this KEK, stored beside every wrapped key so a rotation can find what it wrapped. */
  readonly id: string;
  readonly key: Uint8Array;
}

function fromBytes(key: Uint8Array): Kek {
  if (key.length !== 32) throw new StenoError('CONFIG_INVALID', 'the KEK must be exactly 32 bytes');
  return Object.freeze({ id: createHash('sha256').update(key).digest('hex').slice(0, 12), key });
}

export function kekFromBase64(value: string): Kek {
  return fromBytes(new Uint8Array(Buffer.from(value, 'base64')));
}

/** Loads the KEK file, refusing one readable by group or others; creates it (0600) when allowed. */
export function loadOrCreateKekFile(path: string, options: { create: boolean }): Kek {
  if (!existsSync(path)) {
    if (!options.create) throw new StenoError('CONFIG_INVALID', `no KEK file at ${path}`);
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    writeFileSync(path, randomBytes(32).toString('base64'), { mode: 0o600, flag: 'wx' });
  }
  const mode = statSync(path).mode & 0o777;
  if ((mode & 0o077) !== 0) {
    throw new StenoError(
      'KEK_INSECURE',
      `the KEK file ${path} is readable by others (mode ${mode.toString(8)}); chmod 600 it`,
    );
  }
  chmodSync(path, 0o600);
  return kekFromBase64(readFileSync(path, 'utf8').trim());
}
