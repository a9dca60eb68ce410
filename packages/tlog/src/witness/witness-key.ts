/** A witness's own Ed25519 key, in its own folder (`witness.key`, 0600), created on first start. */
import { createPrivateKey, generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isValidKeyName, type NoteSigner } from '../note-key.ts';
import { TlogError } from '../tlog-error.ts';

export function loadOrCreateWitnessKey(dir: string, name: string): NoteSigner {
  if (!isValidKeyName(name)) throw new TlogError('TLOG_INVALID_KEY', 'invalid witness name');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = join(dir, 'witness.key');
  if (!existsSync(file)) {
    const der = generateKeyPairSync('ed25519').privateKey.export({ format: 'der', type: 'pkcs8' });
    writeFileSync(file, JSON.stringify({ v: 1, name, key: Buffer.from(der).toString('base64') }), {
      mode: 0o600,
      flag: 'wx',
    });
  }
  if ((statSync(file).mode & 0o077) !== 0)
    throw new TlogError(
      'TLOG_INVALID_KEY',
      `the witness key file ${file} is readable by others; chmod 600 it`,
    );
  const doc = JSON.parse(readFileSync(file, 'utf8')) as { name: string; key: string };
  if (doc.name !== name)
    throw new TlogError('TLOG_INVALID_KEY', `the witness key in ${dir} belongs to ${doc.name}, not ${name}`);
  const privateKey = createPrivateKey({ key: Buffer.from(doc.key, 'base64'), format: 'der', type: 'pkcs8' });
  return { name, privateKey };
}
