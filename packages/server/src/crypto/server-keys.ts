/**
 * The server's own keys: one Ed25519 key signs capture leases, and a 256-bit secret keys the HMAC
 * of sensitive audit fields (e-mail addresses, free text). Kept in a 0600 file in the data folder
 * (or given by STENO_SERVER_KEYS_FILE), never in the database; every server process of one
 * deployment must share the same file. The audit checkpoint key has a file of its own
 * (audit/audit-signing-key.ts); a key older versions kept here is handed over by `takeLegacyAuditKey`.
 */
import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
  randomBytes,
} from 'node:crypto';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { StenoError } from '../errors.ts';

export interface ServerKeys {
  lease: { privateKey: KeyObject; publicKey: KeyObject };
  /** HMAC-SHA-256 key for sensitive audit fields. */
  auditHmac: Buffer;
}

function pair(der: string) {
  const privateKey = createPrivateKey({ key: Buffer.from(der, 'base64url'), format: 'der', type: 'pkcs8' });
  return { privateKey, publicKey: createPublicKey(privateKey) };
}

const fresh = () =>
  Buffer.from(generateKeyPairSync('ed25519').privateKey.export({ format: 'der', type: 'pkcs8' })).toString(
    'base64url',
  );

const freshSecret = () => randomBytes(32).toString('base64url');

export function loadOrCreateServerKeys(path: string): ServerKeys {
  if (!existsSync(path))
    writeFileSync(path, JSON.stringify({ v: 1, lease: fresh(), auditHmac: freshSecret() }), {
      mode: 0o600,
      flag: 'wx',
    });
  if ((statSync(path).mode & 0o077) !== 0)
    throw new StenoError('KEK_INSECURE', `the server key file ${path} is readable by others; chmod 600 it`);
  const doc = JSON.parse(readFileSync(path, 'utf8')) as { audit?: string; lease: string; auditHmac?: string };
  if (doc.auditHmac === undefined) {
    // A key file from before the HMAC secret existed: add one, keeping the signing keys.
    doc.auditHmac = freshSecret();
    writeFileSync(path, JSON.stringify(doc), { mode: 0o600 });
  }
  return {
    lease: pair(doc.lease),
    auditHmac: Buffer.from(doc.auditHmac, 'base64url'),
  };
}

/**
 * The audit checkpoint key an older version kept in the server key file, and `drop` to remove it
 * from that file once the caller has written it into the audit key's own file.
 */
export function takeLegacyAuditKey(path: string): { key: KeyObject; drop(): void } | undefined {
  if (!existsSync(path)) return undefined;
  const doc = JSON.parse(readFileSync(path, 'utf8')) as { audit?: string };
  if (doc.audit === undefined) return undefined;
  const { audit, ...rest } = doc;
  return {
    key: pair(audit).privateKey,
    drop: () => writeFileSync(path, JSON.stringify(rest), { mode: 0o600 }),
  };
}

/** Raw 32-byte Ed25519 public key, base64url (as the protocol carries device keys). */
export function rawPublicKeyB64(key: KeyObject): string {
  const jwk = key.export({ format: 'jwk' });
  if (typeof jwk.x !== 'string') throw new TypeError('not an Ed25519 key');
  return jwk.x;
}
