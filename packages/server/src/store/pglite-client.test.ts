/**
 * The embedded store's change counter (issue 15): what the ingest permission check trusts to keep
 * its cache current. It counts a write to a watched table once the write is done (a transaction
 * once it ends), and nothing else: not reads, not writes to other tables.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPglite, type PgliteClient } from './pglite-client.ts';

describe('PGlite change counter', () => {
  let db: PgliteClient;
  beforeAll(async () => {
    db = await openPglite(undefined);
    await db.exec(
      'CREATE TABLE watched (id int); CREATE TABLE other (id int); CREATE TABLE watched_not (id int)',
    );
  });
  afterAll(async () => {
    await db.close();
  });

  it('counts committed writes to the watched tables only', async () => {
    const changes = db.changeCounter?.(['watched']);
    expect(changes).toBeDefined();
    const n = changes as () => number;
    const start = n();
    await db.query('SELECT * FROM watched');
    await db.query('INSERT INTO other VALUES (1)');
    await db.query('INSERT INTO watched_not VALUES (1)');
    expect(n()).toBe(start);
    await db.query('INSERT INTO watched VALUES (1)');
    expect(n()).toBe(start + 1);
    await db.query('UPDATE watched SET id = 2');
    await db.query('DELETE FROM watched WHERE id = 3');
    expect(n()).toBe(start + 3);
    // Inside a transaction: counted when it ends, once; a rollback counts too (a read during it
    // could not have happened: one connection, serialised).
    let inside = -1;
    await db.transaction(async (tx) => {
      await tx.query('INSERT INTO watched VALUES (4)');
      await tx.query('INSERT INTO watched VALUES (5)');
      inside = n();
    });
    expect(inside).toBe(start + 3);
    expect(n()).toBe(start + 4);
    await expect(
      db.transaction(async (tx) => {
        await tx.query('INSERT INTO watched VALUES (6)');
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(n()).toBe(start + 5);
  });
});
