/**
 * Broadcast leases (issue 19): signed and serialised with the scope's text prepared once. What a
 * device receives must be exactly what the one-lease path would have produced: canonical bytes
 * under the signature, JSON that parses to the signed lease.
 */
import { generateKeyPairSync } from 'node:crypto';
import { type CaptureScope, SignedLease, verifyCanonical } from '@steno/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../store/migrate.ts';
import { openPglite, type PgliteClient } from '../store/pglite-client.ts';
import type { DeviceRow } from '../store/subjects-repo.ts';
import { setScope } from './capture-scope.ts';
import { type IssuedLease, LeaseIssuer } from './lease-issuer.ts';

describe('LeaseIssuer.issueMany', () => {
  let db: PgliteClient;
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const devices: DeviceRow[] = [
    'dev_aaaaaaaaaaaaaaaaaaaaaa',
    'dev_bbbbbbbbbbbbbbbbbbbbbb',
    'dev_cccccccccccccccccccccc',
  ].map((id, i) => ({
    id,
    subjectId: `person-${i}`,
    publicKey: `pk-${i}`,
    name: 'test',
    createdAt: 1,
    revokedAt: null,
    lastSeq: -1,
  }));

  beforeAll(async () => {
    db = await openPglite(undefined);
    await migrate(db);
    for (const d of devices) {
      await db.query('INSERT INTO subjects (id, created_at) VALUES ($1, 1)', [d.subjectId]);
      await db.query(
        'INSERT INTO devices (id, subject_id, public_key, name, created_at) VALUES ($1, $2, $3, $4, 1)',
        [d.id, d.subjectId, d.publicKey, d.name],
      );
    }
    // Keys JCS must sort and characters it must escape: quotes, a backslash, non-ASCII, an emoji.
    const scope = {
      sites: [{ origin: 'https://intra.example', level: 'actions' }],
      apps: [
        { app: 'gedit', level: 'full', frames: true },
        { app: 'Zürich "notes" \\ 😀', title: '^(?!Private).*Ärzte', level: 'actions' },
      ],
      // The markers the issuer serialises with, inside the scope itself.
      rules: {
        patterns: [{ name: 'ticket', regex: 'TKT-\\d{6}' }],
        words: ['Projekt "Elster"', '\u0000steno-scope\u0000', '\u0000steno-sig\u0000'],
      },
    } as unknown as CaptureScope;
    await db.transaction((tx) => setScope(tx, scope, 'test', 1));
  });
  afterAll(async () => {
    await db.close();
  });

  it('signs the canonical bytes of each lease and serialises it as it was signed', async () => {
    const issuer = new LeaseIssuer({
      db,
      signingKey: privateKey,
      ttlMs: 60_000,
      now: () => 1_780_000_000_000,
      pausedSnapshot: async () => (d) =>
        d.id === devices[1]?.id
          ? 'program paused "for review"'
          : d.id === devices[2]?.id
            ? '\u0000steno-scope\u0000'
            : undefined,
    });
    const issued: IssuedLease[] = [];
    const slices: number[] = [];
    for await (const slice of issuer.issueMany(devices, 2)) {
      slices.push(slice.length);
      // Recorded before it is handed out.
      const rows = await db.query(
        'SELECT count(*)::int AS n FROM capture_leases WHERE lease_id = ANY($1::text[])',
        [slice.map((x) => x.signed.lease.leaseId)],
      );
      expect(rows[0]?.n).toBe(slice.length);
      issued.push(...slice);
    }
    expect(slices).toEqual([2, 1]);
    expect(issued).toHaveLength(3);
    for (const [i, { signed, json }] of issued.entries()) {
      expect(signed.lease.deviceId).toBe(devices[i]?.id);
      expect(verifyCanonical('steno-lease-v1', signed.lease, signed.sig, publicKey)).toBe(true);
      const wire = SignedLease.parse(JSON.parse(json));
      expect(wire).toEqual(signed);
      expect(verifyCanonical('steno-lease-v1', wire.lease, wire.sig, publicKey)).toBe(true);
    }
    expect(issued.map((x) => x.signed.lease.state)).toEqual(['active', 'paused', 'paused']);
    expect(issued[1]?.signed.lease.reason).toBe('program paused "for review"');
    // Every lease is recorded before it is handed out.
    const rows = await db.query('SELECT lease_id FROM capture_leases ORDER BY lease_id');
    expect(rows.map((r) => r.lease_id).sort()).toEqual(issued.map((x) => x.signed.lease.leaseId).sort());
  });

  it('signs a broadcast to 1,200 devices on worker threads, every signature and text as the one-lease path makes them', async () => {
    const many: DeviceRow[] = Array.from({ length: 1_200 }, (_, i) => ({
      id: `dev_m${String(i).padStart(21, '0')}`,
      subjectId: `many-${i}`,
      publicKey: `pk-m-${i}`,
      name: 'test',
      createdAt: 1,
      revokedAt: null,
      lastSeq: -1,
    }));
    await db.query('INSERT INTO subjects (id, created_at) SELECT unnest($1::text[]), 1', [
      many.map((d) => d.subjectId),
    ]);
    await db.query(
      'INSERT INTO devices (id, subject_id, public_key, name, created_at) SELECT d, s, p, $4, 1 FROM unnest($1::text[], $2::text[], $3::text[]) AS x(d, s, p)',
      [many.map((d) => d.id), many.map((d) => d.subjectId), many.map((d) => d.publicKey), 'test'],
    );
    const issuer = new LeaseIssuer({
      db,
      signingKey: privateKey,
      ttlMs: 60_000,
      now: () => 1_780_000_000_000,
      pausedSnapshot: async () => () => 'kill switch',
    });
    const got: IssuedLease[] = [];
    for await (const slice of issuer.issueMany(many, 500)) got.push(...slice);
    expect(issuer.signedOnThreads).toBe(1_200);
    await issuer.close();
    expect(got.map((x) => x.signed.lease.deviceId)).toEqual(many.map((d) => d.id));
    for (const { signed, json } of got) {
      expect(signed.lease.state).toBe('paused');
      expect(verifyCanonical('steno-lease-v1', signed.lease, signed.sig, publicKey)).toBe(true);
      expect(SignedLease.parse(JSON.parse(json))).toEqual(signed);
    }
    expect(new Set(got.map((x) => x.signed.sig)).size).toBe(1_200);
  });
});
