/**
 * The shared store suite: the same tests against the embedded PGlite store and PostgreSQL.
 * It drives the real HTTP app (Fastify inject) over the real store, so both drivers prove the
 * whole ingest → store → guard path and the rejection rules (invariant 10).
 */
import { LIMITS } from '@steno/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BatchIngest, storeSealedBatches } from '../../packages/server/src/ingest/batch-ingest.ts';
import { listSequenceGaps } from '../../packages/server/src/store/batches-repo.ts';
import { migrate } from '../../packages/server/src/store/migrate.ts';
import { revokeDevice } from '../../packages/server/src/store/subjects-repo.ts';
import { storageSnapshot } from '../support/storage-snapshot.ts';
import { enrolTestDevice, post, sampleEvents } from '../support/test-device.ts';
import { type StoreKind, startTestServer, type TestServer } from '../support/test-server.ts';

export function storeSuite(kind: StoreKind): void {
  describe(`store suite on ${kind}`, () => {
    let ts: TestServer;
    beforeAll(async () => {
      ts = await startTestServer(kind);
    });
    afterAll(async () => {
      await ts?.close();
    });

    // As the owner: the application role's row-level security would hide the chunks.
    const snapshot = () => storageSnapshot(ts.server.ownerDb, ts.dataDir);

    it('migrations are idempotent', async () => {
      expect(await migrate(ts.server.ownerDb)).toEqual([]);
    });

    it('stores a signed batch once and the contributor reads it back through the guard', async () => {
      const dev = await enrolTestDevice(ts.server, 'alice');
      const t0 = Date.now() - 60_000;
      const signed = dev.batch(sampleEvents(t0, 'hello'));
      const first = await post(ts.server.app, '/v1/batches', signed);
      expect(first.statusCode).toBe(200);
      const before = await snapshot();
      const retry = await post(ts.server.app, '/v1/batches', signed);
      expect(retry.statusCode).toBe(200);
      expect(retry.json()).toEqual(first.json());
      expect(await snapshot()).toBe(before);

      const token = await dev.personalToken();
      const read = await ts.server.app.inject({
        method: 'GET',
        url: '/v1/me/events',
        headers: { authorization: `Bearer ${token}` },
      });
      expect(read.statusCode).toBe(200);
      const body = read.json() as { subject: string; events: { event: { type: string; char?: string } }[] };
      expect(body.subject).toBe('alice');
      expect(body.events).toHaveLength(signed.batch.events.length);
      expect(body.events.map((e) => e.event.char ?? '').join('')).toBe('hello');
    });

    it('envelope v2 (the batch as text, signed as sent) is stored, retried, and refused when altered', async () => {
      const dev = await enrolTestDevice(ts.server, 'textual');
      const v2 = dev.v2(dev.batch(sampleEvents(Date.now() - 1_000, 'typed')));
      const first = await post(ts.server.app, '/v1/batches', v2);
      expect(first.statusCode).toBe(200);
      const retry = await post(ts.server.app, '/v1/batches', v2);
      expect(retry.json()).toEqual(first.json());
      const snapshot = () => storageSnapshot(ts.server.ownerDb, ts.dataDir);
      const before = await snapshot();
      // One character of the text changed after signing: the signature no longer covers it.
      const altered = { ...v2, batch: v2.batch.replace('"char":"d"', '"char":"x"') };
      expect(altered.batch).not.toBe(v2.batch);
      const forged = await post(ts.server.app, '/v1/batches', altered);
      expect([forged.statusCode, (forged.json() as { error: { code: string } }).error.code]).toEqual([
        401,
        'SIGNATURE_INVALID',
      ]);
      // Another text under the same batch id, properly signed: a conflict, never an overwrite.
      const other = dev.v2({
        ...dev.batch(sampleEvents(Date.now() - 900, 'other')),
        batch: { ...JSON.parse(v2.batch), events: sampleEvents(Date.now() - 900, 'other') },
      });
      const conflict = await post(ts.server.app, '/v1/batches', other);
      expect((conflict.json() as { error: { code: string } }).error.code).toBe('BATCH_CONFLICT');
      expect(await snapshot()).toBe(before);
      const token = await dev.personalToken();
      const read = await ts.server.app.inject({
        method: 'GET',
        url: '/v1/me/events',
        headers: { authorization: `Bearer ${token}` },
      });
      const events = (read.json() as { events: { event: { char?: string } }[] }).events;
      expect(events.map((e) => e.event.char ?? '').join('')).toBe('typed');
    });

    it('a batch spanning two months is stored as two chunks and read back whole', async () => {
      const dev = await enrolTestDevice(ts.server, 'monthly');
      const boundary = Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), 1);
      const events = sampleEvents(boundary - 5, 'abcdefgh');
      // Pretend it is one hour after the month began, so the events are recent on any day.
      ts.clock.offsetMs = boundary + 3_600_000 - Date.now();
      const res = await post(
        ts.server.app,
        '/v1/batches',
        dev.batch(events, { createdAt: boundary + 60_000 }),
      );
      ts.clock.offsetMs = 0;
      expect(res.statusCode).toBe(200);
      const rows = await ts.server.ownerDb.query(
        'SELECT month FROM event_chunks WHERE subject_id = $1 ORDER BY month',
        ['monthly'],
      );
      expect(rows.map((r) => r.month)).toHaveLength(2);
      // One partition per month.
      const parts = await ts.server.ownerDb.query(
        "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent WHERE p.relname = 'event_chunks'",
      );
      for (const m of rows.map((r) => String(r.month)))
        expect(parts.map((p) => p.relname)).toContain(`event_chunks_${m.replace('-', '_')}`);
      const token = await dev.personalToken();
      const read = await ts.server.app.inject({
        method: 'GET',
        url: '/v1/me/events',
        headers: { authorization: `Bearer ${token}` },
      });
      expect((read.json() as { events: { event: unknown }[] }).events.map((e) => e.event)).toEqual(events);
    });

    it("a writer's group is stored in one transaction: devices, gaps, duplicates and conflicts alike", async () => {
      const a = await enrolTestDevice(ts.server, 'group-a');
      const b = await enrolTestDevice(ts.server, 'group-b');
      const ingest = new BatchIngest({
        db: ts.server.db,
        keys: ts.server.keys,
        audit: ts.server.audit,
        now: Date.now,
      });
      const t = Date.now() - 5_000;
      const seal = async (signed: unknown) => {
        const p = await ingest.prepare(signed);
        if (!p.ok || !('sealed' in p)) throw new Error(`not prepared: ${JSON.stringify(p)}`);
        return p.sealed;
      };
      // Device a: seqs 0, 3, 1 arrive in one group (2 is missing); device b: 5 only (0-4 missing).
      const a0 = await seal(a.batch(sampleEvents(t), { seq: 0 }));
      const a3 = await seal(a.batch(sampleEvents(t + 30), { seq: 3 }));
      const a1 = await seal(a.batch(sampleEvents(t + 10), { seq: 1 }));
      const b5 = await seal(b.batch(sampleEvents(t), { seq: 5 }));
      const first = await storeSealedBatches(ts.server.db, [a0, a3, a1, b5, a3]);
      expect(first).toEqual({ stored: 4, duplicates: 1, conflicts: [] });
      expect(await listSequenceGaps(ts.server.db, a.deviceId)).toEqual([{ from: 2, to: 2 }]);
      expect(await listSequenceGaps(ts.server.db, b.deviceId)).toEqual([{ from: 0, to: 4 }]);
      const seqs = await ts.server.db.query('SELECT id, last_seq FROM devices WHERE id = ANY($1::text[])', [
        [a.deviceId, b.deviceId],
      ]);
      expect(Object.fromEntries(seqs.map((r) => [r.id, Number(r.last_seq)]))).toEqual({
        [a.deviceId]: 3,
        [b.deviceId]: 5,
      });
      // A redelivered group: nothing twice; another batch under a stored id: a conflict, not stored.
      const a2 = await seal(a.batch(sampleEvents(t + 20), { seq: 2 }));
      const forgedTwin = { ...(await seal(a.batch(sampleEvents(t + 40), { seq: 4 }))), batchId: a0.batchId };
      const again = await storeSealedBatches(ts.server.db, [a0, a1, a2, forgedTwin]);
      expect(again).toEqual({ stored: 1, duplicates: 2, conflicts: [a0.batchId] });
      // The owner connection: the application role sees chunks only under a guard's subject list.
      const chunks = await ts.server.ownerDb.query(
        'SELECT count(*)::int AS n FROM event_chunks WHERE device_id = ANY($1::text[])',
        [[a.deviceId, b.deviceId]],
      );
      expect(chunks[0]?.n).toBe(5);
      // Every stored batch reads back whole, in order.
      const token = await a.personalToken();
      const read = await ts.server.app.inject({
        method: 'GET',
        url: '/v1/me/events?limit=1000',
        headers: { authorization: `Bearer ${token}` },
      });
      expect((read.json() as { events: unknown[] }).events).toHaveLength(4 * sampleEvents(t).length);
    });

    it('records sequence gaps and accepts late arrivals', async () => {
      const dev = await enrolTestDevice(ts.server, 'gappy');
      const t0 = Date.now() - 1_000;
      for (const seq of [0, 3, 1]) {
        const r = await post(ts.server.app, '/v1/batches', dev.batch(sampleEvents(t0 + seq), { seq }));
        expect(r.statusCode).toBe(200);
      }
      expect(await listSequenceGaps(ts.server.db, dev.deviceId)).toEqual([{ from: 1, to: 2 }]);
    });

    it('concurrent different batches of one device are all stored (no deadlock)', async () => {
      const dev = await enrolTestDevice(ts.server, 'busy');
      const t0 = Date.now() - 10_000;
      const batches = Array.from({ length: 8 }, (_, i) => dev.batch(sampleEvents(t0 + i * 100)));
      const results = await Promise.all(batches.map((b) => post(ts.server.app, '/v1/batches', b)));
      expect(results.map((r) => r.statusCode)).toEqual(Array(8).fill(200));
      const rows = await ts.server.db.query('SELECT count(*)::int AS n FROM batches WHERE device_id = $1', [
        dev.deviceId,
      ]);
      expect(rows[0]?.n).toBe(8);
    });

    it('concurrent copies of one batch are stored exactly once', async () => {
      const dev = await enrolTestDevice(ts.server, 'racer');
      const signed = dev.batch(sampleEvents(Date.now() - 1_000));
      const results = await Promise.all(
        Array.from({ length: 8 }, () => post(ts.server.app, '/v1/batches', signed)),
      );
      expect(results.map((r) => r.statusCode)).toEqual(Array(8).fill(200));
      const rows = await ts.server.db.query('SELECT count(*)::int AS n FROM batches WHERE batch_id = $1', [
        signed.batch.batchId,
      ]);
      expect(rows[0]?.n).toBe(1);
    });

    describe('bad input gets a clear 4xx with its code and leaves storage unchanged', () => {
      type Response = { statusCode: number; json(): unknown };
      /** setup() may enrol devices; only what send() does is checked against the snapshot. */
      type Case = { status: number; code: string; setup: () => Promise<() => Promise<Response>> };
      const t0 = () => Date.now() - 1_000;
      const app = () => ts.server.app;
      const cases: Record<string, Case> = {
        'forged signature': {
          status: 401,
          code: 'SIGNATURE_INVALID',
          setup: async () => {
            const dev = await enrolTestDevice(ts.server, 'forge-target');
            const signed = dev.batch(sampleEvents(t0()));
            const tampered = { ...signed, batch: { ...signed.batch, events: sampleEvents(t0(), 'EVIL') } };
            return () => post(app(), '/v1/batches', tampered);
          },
        },
        'unknown device': {
          status: 401,
          code: 'DEVICE_UNKNOWN',
          setup: async () => {
            const dev = await enrolTestDevice(ts.server, 'ghost');
            const signed = dev.batch(sampleEvents(t0()), { deviceId: 'dev_AAAAAAAAAAAAAAAAAAAAAA' });
            return () => post(app(), '/v1/batches', signed);
          },
        },
        'revoked device': {
          status: 403,
          code: 'DEVICE_REVOKED',
          setup: async () => {
            const dev = await enrolTestDevice(ts.server, 'revoked');
            await revokeDevice(ts.server.db, dev.deviceId, Date.now());
            const signed = dev.batch(sampleEvents(t0()));
            return () => post(app(), '/v1/batches', signed);
          },
        },
        'batch claiming another subject': {
          status: 403,
          code: 'SUBJECT_MISMATCH',
          setup: async () => {
            const dev = await enrolTestDevice(ts.server, 'mallory');
            const signed = dev.batch(sampleEvents(t0()), { subject: 'alice' });
            return () => post(app(), '/v1/batches', signed);
          },
        },
        'oversized body': {
          status: 413,
          code: 'PAYLOAD_TOO_LARGE',
          setup: async () => () =>
            app().inject({
              method: 'POST',
              url: '/v1/batches',
              headers: { 'content-type': 'application/json' },
              payload: JSON.stringify({ v: 1, pad: 'x'.repeat(LIMITS.maxBatchBytes + 10) }),
            }),
        },
        'too many events': {
          status: 413,
          code: 'TOO_MANY_EVENTS',
          setup: async () => {
            const dev = await enrolTestDevice(ts.server, 'chatty');
            const events = Array.from({ length: LIMITS.maxEventsPerBatch + 1 }, (_, i) => ({
              type: 'paste' as const,
              t: t0() + i,
            }));
            const signed = dev.batch(events);
            return () => post(app(), '/v1/batches', signed);
          },
        },
        'malformed JSON': {
          status: 400,
          code: 'MALFORMED_JSON',
          setup: async () => () =>
            app().inject({
              method: 'POST',
              url: '/v1/batches',
              headers: { 'content-type': 'application/json' },
              payload: '{"v":1,"batch":',
            }),
        },
        'unknown schema version': {
          status: 400,
          code: 'UNSUPPORTED_VERSION',
          setup: async () => {
            const dev = await enrolTestDevice(ts.server, 'future');
            const signed = dev.batch(sampleEvents(t0()));
            return () => post(app(), '/v1/batches', { ...signed, v: 3 });
          },
        },
        'v2: the batch is not text': {
          status: 400,
          code: 'SCHEMA_INVALID',
          setup: async () => {
            const dev = await enrolTestDevice(ts.server, 'v2-object');
            const signed = dev.batch(sampleEvents(t0()));
            return () => post(app(), '/v1/batches', { ...dev.v2(signed), batch: signed.batch });
          },
        },
        'v2: the text is not JSON': {
          status: 400,
          code: 'SCHEMA_INVALID',
          setup: async () => {
            const dev = await enrolTestDevice(ts.server, 'v2-garbled');
            const v2 = dev.v2(dev.batch(sampleEvents(t0())));
            return () => post(app(), '/v1/batches', { ...v2, batch: v2.batch.slice(0, -1) });
          },
        },
        'v2: signed text that is not a batch': {
          status: 400,
          code: 'SCHEMA_INVALID',
          setup: async () => {
            const dev = await enrolTestDevice(ts.server, 'v2-shape');
            const signed = dev.batch(sampleEvents(t0()));
            const bad = { ...signed.batch, events: [{ ...signed.batch.events[0], x: 'not a number' }] };
            return () => post(app(), '/v1/batches', dev.v2({ ...signed, batch: bad as typeof signed.batch }));
          },
        },
        'signed but not matching the schema': {
          status: 400,
          code: 'SCHEMA_INVALID',
          setup: async () => {
            const dev = await enrolTestDevice(ts.server, 'odd');
            const bad = [{ type: 'keylogger_dump', t: t0() }] as unknown as ReturnType<typeof sampleEvents>;
            const signed = dev.batch(bad);
            return () => post(app(), '/v1/batches', signed);
          },
        },
        'event from the future': {
          status: 400,
          code: 'CLOCK_SKEW',
          setup: async () => {
            const dev = await enrolTestDevice(ts.server, 'timetraveller');
            const signed = dev.batch(sampleEvents(Date.now() + 3_600_000));
            return () => post(app(), '/v1/batches', signed);
          },
        },
        'same batch id, different content': {
          status: 409,
          code: 'BATCH_CONFLICT',
          setup: async () => {
            const dev = await enrolTestDevice(ts.server, 'conflict');
            const first = dev.batch(sampleEvents(t0(), 'one'));
            expect((await post(app(), '/v1/batches', first)).statusCode).toBe(200);
            const second = dev.sign({ ...first.batch, events: sampleEvents(t0(), 'two') });
            return () => post(app(), '/v1/batches', second);
          },
        },
      };

      for (const [name, c] of Object.entries(cases)) {
        it(name, async () => {
          const send = await c.setup();
          const before = await snapshot();
          const res = await send();
          expect(res.statusCode).toBe(c.status);
          expect((res.json() as { error: { code: string } }).error.code).toBe(c.code);
          expect(await snapshot()).toBe(before);
        });
      }
    });

    it('an unknown batch id is not stored by a rejected request', async () => {
      const dev = await enrolTestDevice(ts.server, 'bob');
      const signed = dev.batch(sampleEvents(Date.now() - 1_000));
      const tampered = { ...signed, sig: signed.sig.replace(/^./, (c) => (c === 'A' ? 'B' : 'A')) };
      const res = await post(ts.server.app, '/v1/batches', tampered);
      expect(res.statusCode).toBe(401);
      const rows = await ts.server.db.query('SELECT count(*)::int AS n FROM batches WHERE batch_id = $1', [
        signed.batch.batchId,
      ]);
      expect(rows[0]?.n).toBe(0);
    });

    it.runIf(kind === 'postgres')(
      'row-level security: the application role sees chunks only of the subjects named for the transaction, and cannot delete or bypass',
      async () => {
        const dev = await enrolTestDevice(ts.server, 'rls-a');
        const other = await enrolTestDevice(ts.server, 'rls-b');
        expect(
          (await post(ts.server.app, '/v1/batches', dev.batch(sampleEvents(Date.now() - 10_000)))).statusCode,
        ).toBe(200);
        expect(
          (await post(ts.server.app, '/v1/batches', other.batch(sampleEvents(Date.now() - 10_000))))
            .statusCode,
        ).toBe(200);
        const app = ts.server.db;
        expect(await app.query('SELECT current_user AS u')).toEqual([{ u: 'steno_app' }]);
        // No subject named: nothing, even with a WHERE that names one.
        expect(await app.query("SELECT 1 FROM event_chunks WHERE subject_id = 'rls-a'")).toEqual([]);
        const seen = await app.transaction(async (tx) => {
          await tx.query("SELECT set_config('steno.subjects', 'rls-a', true)");
          return tx.query('SELECT DISTINCT subject_id FROM event_chunks');
        });
        expect(seen).toEqual([{ subject_id: 'rls-a' }]);
        // The owner sees both; the role can neither delete chunks nor read a partition directly.
        const both = await ts.server.ownerDb.query(
          "SELECT DISTINCT subject_id FROM event_chunks WHERE subject_id LIKE 'rls-%' ORDER BY 1",
        );
        expect(both).toEqual([{ subject_id: 'rls-a' }, { subject_id: 'rls-b' }]);
        await expect(app.query("DELETE FROM event_chunks WHERE subject_id = 'rls-b'")).rejects.toThrow(
          /permission denied/,
        );
        const month = new Date().toISOString().slice(0, 7).replace('-', '_');
        await expect(app.query(`SELECT * FROM event_chunks_${month}`)).rejects.toThrow(/permission denied/);
        // The guard's path still reads the contributor's own events.
        const token = await dev.personalToken();
        const read = await ts.server.app.inject({
          method: 'GET',
          url: '/v1/me/events',
          headers: { authorization: `Bearer ${token}` },
        });
        expect(read.json().events.length).toBeGreaterThan(0);
      },
    );

    it.runIf(kind === 'postgres')(
      'a database that drops idle connections (a restart) does not crash the server',
      async () => {
        await ts.server.db.query('SELECT 1'); // an idle pooled connection of the application role
        await ts.server.ownerDb.query(
          'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
        );
        await new Promise((r) => setTimeout(r, 200));
        expect(await ts.server.db.query('SELECT 1 AS one')).toEqual([{ one: 1 }]);
        const health = await ts.server.app.inject({ method: 'GET', url: '/readyz' });
        expect(health.json().checks.database).toBe(true);
      },
    );
  });
}
