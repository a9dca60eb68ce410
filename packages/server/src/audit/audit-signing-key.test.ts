/** Issue 20: the audit checkpoint key lives apart from the database and from the other server keys. */
import { generateKeyPairSync } from 'node:crypto';
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatCheckpoint, signNoteRemote, verifierKeyString, verifyCheckpoint } from '@steno/tlog';
import { afterEach, describe, expect, it } from 'vitest';
import { loadOrCreateServerKeys, takeLegacyAuditKey } from '../crypto/server-keys.ts';
import { loadAuditSigner } from './audit-signing-key.ts';

const origin = 'steno.test/audit';
const text = formatCheckpoint({ origin, size: 3, rootHash: new Uint8Array(32).fill(7) });

describe('audit signing key', () => {
  let dir = '';
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('is created in a 0600 file of its own; the server key file holds no audit key', async () => {
    dir = mkdtempSync(join(tmpdir(), 'steno-akey-'));
    loadOrCreateServerKeys(join(dir, 'server-keys.json'));
    const signer = loadAuditSigner({ origin, defaultFile: join(dir, 'audit-signing.key') });
    expect(statSync(join(dir, 'audit-signing.key')).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(join(dir, 'server-keys.json'), 'utf8'))).not.toHaveProperty('audit');
    const note = await signNoteRemote(text, signer);
    expect(verifyCheckpoint(note, verifierKeyString(origin, signer.publicKey)).ok).toBe(true);
    // Loaded again: the same key.
    const again = loadAuditSigner({ origin, defaultFile: join(dir, 'audit-signing.key') });
    expect(Buffer.from(again.publicKey)).toEqual(Buffer.from(signer.publicKey));
  });

  it("moves an older server-keys.json's audit key into its own file, keeping the verifier key", () => {
    dir = mkdtempSync(join(tmpdir(), 'steno-akey-'));
    const der = (k: ReturnType<typeof generateKeyPairSync>['privateKey']) =>
      Buffer.from(k.export({ format: 'der', type: 'pkcs8' })).toString('base64url');
    const old = generateKeyPairSync('ed25519');
    const file = join(dir, 'server-keys.json');
    writeFileSync(
      file,
      JSON.stringify({
        v: 1,
        audit: der(old.privateKey),
        lease: der(generateKeyPairSync('ed25519').privateKey),
      }),
      { mode: 0o600 },
    );
    const signer = loadAuditSigner({
      origin,
      defaultFile: join(dir, 'audit-signing.key'),
      legacy: () => takeLegacyAuditKey(file),
    });
    expect(verifierKeyString(origin, signer.publicKey)).toBe(verifierKeyString(origin, old.publicKey));
    expect(JSON.parse(readFileSync(file, 'utf8'))).not.toHaveProperty('audit');
    expect(loadOrCreateServerKeys(file).lease).toBeDefined();
  });

  it('refuses a named file that is missing or readable by others, and a key of the wrong size', () => {
    dir = mkdtempSync(join(tmpdir(), 'steno-akey-'));
    const keyFile = join(dir, 'elsewhere.key');
    expect(() => loadAuditSigner({ origin, keyFile, defaultFile: join(dir, 'x') })).toThrow(
      expect.objectContaining({ code: 'CONFIG_INVALID' }),
    );
    writeFileSync(keyFile, Buffer.alloc(32, 1).toString('base64'));
    chmodSync(keyFile, 0o644);
    expect(() => loadAuditSigner({ origin, keyFile, defaultFile: join(dir, 'x') })).toThrow(
      expect.objectContaining({ code: 'KEK_INSECURE' }),
    );
    expect(() =>
      loadAuditSigner({ origin, key: Buffer.alloc(16).toString('base64'), defaultFile: 'x' }),
    ).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID' }));
  });

  it('the KMS seam: a remote signer signs; one returning a wrong signature is refused', async () => {
    const { privateKey } = generateKeyPairSync('ed25519');
    const { localNoteSigner } = await import('@steno/tlog');
    const kms = localNoteSigner({ name: origin, privateKey });
    const note = await signNoteRemote(text, kms);
    expect(verifyCheckpoint(note, verifierKeyString(origin, kms.publicKey)).ok).toBe(true);
    const liar = { ...kms, sign: async () => new Uint8Array(64) };
    await expect(signNoteRemote(text, liar)).rejects.toMatchObject({ code: 'TLOG_INVALID_KEY' });
  });
});
