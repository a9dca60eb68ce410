/** A fingerprint of everything the server stores, to prove that a rejected request changed nothing. */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SqlClient } from '../../packages/server/src/store/sql-client.ts';

const TABLES = [
  'subjects',
  'enrol_tokens',
  'devices',
  'api_tokens',
  'batches',
  'event_chunks',
  'sequence_gaps',
];

export async function storageSnapshot(db: SqlClient, dataDir: string): Promise<string> {
  const h = createHash('sha256');
  for (const t of TABLES) {
    const rows = await db.query(`SELECT * FROM ${t} ORDER BY 1, 2`);
    h.update(
      `${t}:${JSON.stringify(rows, (_k, v) => (typeof v === 'bigint' ? v.toString() : v instanceof Uint8Array ? Buffer.from(v).toString('hex') : v))}`,
    );
  }
  const keys = join(dataDir, 'keys');
  if (existsSync(keys))
    for (const f of readdirSync(keys).sort()) h.update(`${f}:${readFileSync(join(keys, f))}`);
  return h.digest('hex');
}
