/**
 * Rotating the key-encryption key (invariant 9): every data key and every dataset's wrapped keys
 * are re-wrapped under a new KEK, after which the old KEK is destroyed — and with it every
 * backup of the key store taken before the rotation becomes unreadable, as a short backup
 * retention promises. Crash-safe: the new KEK is written beside the old one first; a rotation
 * interrupted half way is finished by running it again (keys already under the new KEK are skipped).
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { StenoError } from '../errors.ts';
import type { SqlClient } from '../store/sql-client.ts';
import { bytes } from '../store/sql-client.ts';
import { unwrapDatasetKeys, wrapDatasetKeys } from './dataset-keys.ts';
import { type Kek, kekFromBase64 } from './kek.ts';
import type { FileKeyStore } from './key-store.ts';

export interface RotationReport {
  oldKekId: string;
  newKekId: string;
  dataKeys: number;
  datasets: number;
}

/** Re-wraps everything under `to`. Idempotent. */
export async function rewrapEverything(
  keys: FileKeyStore,
  db: SqlClient,
  from: Kek,
  to: Kek,
): Promise<{ dataKeys: number; datasets: number }> {
  const dataKeys = keys.rewrapAll(from, to);
  const datasets = await db.transaction(async (tx) => {
    const rows = await tx.query('SELECT id, wrapped_keys FROM datasets WHERE wrapped_keys IS NOT NULL');
    let n = 0;
    for (const r of rows) {
      const id = String(r.id);
      let opened: { fileKey: Uint8Array; pseudonymSecret: Uint8Array };
      try {
        opened = unwrapDatasetKeys(from, id, bytes(r.wrapped_keys));
      } catch {
        unwrapDatasetKeys(to, id, bytes(r.wrapped_keys)); // already rotated, or refuse
        continue;
      }
      await tx.query('UPDATE datasets SET wrapped_keys = $2 WHERE id = $1', [
        id,
        wrapDatasetKeys(to, id, opened.fileKey, opened.pseudonymSecret),
      ]);
      n++;
    }
    return n;
  });
  return { dataKeys, datasets };
}

/**
 * The KEK file case (the embedded default): `kekFile` holds the old KEK. A new one is written to
 * `<kekFile>.new`, everything is re-wrapped, then the new file replaces the old (the old KEK is
 * gone). If `<kekFile>.new` exists, an earlier rotation was interrupted: it is finished with it.
 */
export async function rotateKekFile(
  kekFile: string,
  keys: FileKeyStore,
  db: SqlClient,
): Promise<RotationReport> {
  if (!existsSync(kekFile)) throw new StenoError('CONFIG_INVALID', `no KEK file at ${kekFile}`);
  const from = kekFromBase64(readFileSync(kekFile, 'utf8').trim());
  const next = `${kekFile}.new`;
  if (!existsSync(next)) writeFileSync(next, randomBytes(32).toString('base64'), { mode: 0o600, flag: 'wx' });
  const to = kekFromBase64(readFileSync(next, 'utf8').trim());
  const out = await rewrapEverything(keys, db, from, to);
  // Overwrite the old KEK's bytes before the rename drops its name.
  writeFileSync(kekFile, randomBytes(64).toString('base64'), { mode: 0o600 });
  renameSync(next, kekFile);
  return { oldKekId: from.id, newKekId: to.id, ...out };
}

/** The KEK-from-secret-store case: the new KEK is written (0600) for the operator to install. */
export async function rotateKekValue(
  oldKekB64: string,
  newKekFile: string,
  keys: FileKeyStore,
  db: SqlClient,
): Promise<RotationReport> {
  const from = kekFromBase64(oldKekB64);
  if (!existsSync(newKekFile))
    writeFileSync(newKekFile, randomBytes(32).toString('base64'), { mode: 0o600, flag: 'wx' });
  const to = kekFromBase64(readFileSync(newKekFile, 'utf8').trim());
  const out = await rewrapEverything(keys, db, from, to);
  return { oldKekId: from.id, newKekId: to.id, ...out };
}
