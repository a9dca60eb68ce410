/**
 * The key that signs audit checkpoints (issue 20), kept apart from the database like the KEK: from
 * STENO_AUDIT_KEY (base64 of the 32-byte Ed25519 seed), a 0600 file of its own
 * (STENO_AUDIT_KEY_FILE, default <data>/audit-signing.key, created on first start), or any signer
 * handed in through the seam (`RemoteNoteSigner`: a KMS or HSM that signs and never exports).
 *
 * A key written by older versions into server-keys.json moves to its own file on first start, so
 * the published verifier key stays the same. Whoever holds this key can sign a checkpoint of a
 * rewritten log; witnesses (checkpoint-publisher.ts) are what make such a checkpoint fail.
 */
import { createPrivateKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { localNoteSigner, type RemoteNoteSigner } from '@steno/tlog';
import { StenoError } from '../errors.ts';

const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

function fromSeed(seed: Uint8Array): KeyObject {
  if (seed.length !== 32)
    throw new StenoError('CONFIG_INVALID', 'the audit signing key must be a 32-byte Ed25519 seed');
  return createPrivateKey({ key: Buffer.concat([PKCS8_ED25519_PREFIX, seed]), format: 'der', type: 'pkcs8' });
}

function seedOf(key: KeyObject): Buffer {
  const der = key.export({ format: 'der', type: 'pkcs8' });
  return Buffer.from(der.subarray(der.length - 32));
}

export interface AuditKeySource {
  /** The log's origin, which is also the checkpoint key's name. */
  origin: string;
  /** Base64 of the 32-byte seed (STENO_AUDIT_KEY). */
  key?: string | undefined;
  /** The key file (STENO_AUDIT_KEY_FILE); without it, `defaultFile` is created when missing. */
  keyFile?: string | undefined;
  defaultFile: string;
  /** A key found in an older server-keys.json, to move into its own file (then dropped there). */
  legacy?: (() => { key: KeyObject; drop(): void } | undefined) | undefined;
}

/** The checkpoint signer of this deployment (file or environment; a KMS signer is passed in instead). */
export function loadAuditSigner(src: AuditKeySource): RemoteNoteSigner {
  if (src.key)
    return localNoteSigner({ name: src.origin, privateKey: fromSeed(Buffer.from(src.key, 'base64')) });
  const path = src.keyFile ?? src.defaultFile;
  if (!existsSync(path)) {
    if (src.keyFile) throw new StenoError('CONFIG_INVALID', `no audit signing key file at ${path}`);
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    const legacy = src.legacy?.();
    const key = legacy?.key ?? generateKeyPairSync('ed25519').privateKey;
    writeFileSync(path, `${seedOf(key).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
    legacy?.drop();
  }
  const mode = statSync(path).mode & 0o777;
  if ((mode & 0o077) !== 0)
    throw new StenoError(
      'KEK_INSECURE',
      `the audit signing key file ${path} is readable by others (mode ${mode.toString(8)}); chmod 600 it`,
    );
  chmodSync(path, 0o600);
  const seed = Buffer.from(readFileSync(path, 'utf8').trim(), 'base64');
  return localNoteSigner({ name: src.origin, privateKey: fromSeed(seed) });
}
