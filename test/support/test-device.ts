/** A minimal device for server tests: real keys, real enrolment, real signatures over real batches. */
import { type KeyObject, randomBytes, randomUUID } from 'node:crypto';
import {
  type Batch,
  generateEd25519,
  importPrivateKey,
  type SignedBatch,
  type SignedBatchV2,
  type StenoEvent,
  signBatchV2,
  signCanonical,
} from '@steno/protocol';
import type { FastifyInstance } from 'fastify';
import { issueApiToken } from '../../packages/server/src/auth/api-tokens.ts';
import { createEnrolToken } from '../../packages/server/src/ingest/device-enrolment.ts';
import type { StenoServer } from '../../packages/server/src/steno-server.ts';

export interface TestDevice {
  deviceId: string;
  subject: string;
  /**
   * The lease every `batch()` names (unless overridden): a fixture lease over all of time when the
   * device was enrolled `permitted` (the default), else none until a test sets one.
   */
  leaseId: string | undefined;
  sign(batch: Batch): SignedBatch;
  batch(events: StenoEvent[], overrides?: Partial<Batch>): SignedBatch;
  /** The same batch in envelope v2 (what agents send): its JSON text, signed as sent. */
  v2(signed: SignedBatch): SignedBatchV2;
  personalToken(): Promise<string>;
  /** The server's lease key as returned at enrolment. */
  leaseKey: string | undefined;
  /** The device's own signing key (for tests that run the agent's real clients as this device). */
  privateKey: KeyObject;
  /** A signed device request body for `purpose` (lease, stream, personal-token). */
  deviceRequest(purpose: string): {
    v: 1;
    deviceId: string;
    issuedAt: number;
    nonce: string;
    purpose: string;
    proof: string;
  };
}

/**
 * Enrols a device for `subject`. By default the subject is also permitted to be captured for all
 * of time (`permitCapture`), so tests about other things can post batches with any event times;
 * `{ permitted: false }` leaves the world as it is (tests of the permission check itself).
 */
export async function enrolTestDevice(
  server: StenoServer,
  subject: string,
  options: { permitted?: boolean } = {},
): Promise<TestDevice> {
  const { token } = await createEnrolToken(server.enrolment, subject, 'test');
  const keys = generateEd25519();
  const privateKey = importPrivateKey(keys.privateKey);
  const name = `test-${subject}`;
  const proof = signCanonical('steno-enrol-v1', { token, publicKey: keys.publicKey, name }, privateKey);
  const res = await server.app.inject({
    method: 'POST',
    url: '/v1/enrol',
    payload: { v: 1, token, publicKey: keys.publicKey, name, proof },
  });
  if (res.statusCode !== 201) throw new Error(`enrolment failed: ${res.statusCode} ${res.body}`);
  const { deviceId, leaseKey } = res.json() as { deviceId: string; leaseKey?: string };
  let seq = 0;
  const sign = (batch: Batch): SignedBatch => ({
    v: 1,
    batch,
    sig: signCanonical('steno-batch-v1', batch, privateKey),
  });
  const deviceRequest = (purpose: string) => {
    const claims = { deviceId, issuedAt: Date.now(), nonce: randomBytes(16).toString('base64url'), purpose };
    return { v: 1 as const, ...claims, proof: signCanonical('steno-device-request-v1', claims, privateKey) };
  };
  const device: TestDevice = {
    deviceId,
    subject,
    leaseId: undefined,
    leaseKey,
    privateKey,
    deviceRequest,
    sign,
    v2: (signed) => signBatchV2(signed.batch, privateKey).envelope,
    batch(events, overrides = {}) {
      return sign({
        v: 1,
        batchId: randomUUID(),
        deviceId,
        subject,
        seq: seq++,
        createdAt: Date.now(),
        events,
        ...(device.leaseId ? { leases: [device.leaseId] } : {}),
        ...overrides,
      });
    },
    async personalToken() {
      const claims = {
        deviceId,
        issuedAt: Date.now(),
        nonce: randomBytes(16).toString('base64url'),
        purpose: 'personal-token' as const,
      };
      const proof = signCanonical('steno-device-request-v1', claims, privateKey);
      const r = await server.app.inject({
        method: 'POST',
        url: '/v1/device/tokens',
        payload: { v: 1, ...claims, proof },
      });
      if (r.statusCode !== 201) throw new Error(`token failed: ${r.statusCode} ${r.body}`);
      return (r.json() as { token: string }).token;
    },
  };
  if (options.permitted !== false) device.leaseId = await permitCapture(server, subject, deviceId);
  return device;
}

/**
 * Test fixture: the world as if capture had always been permitted for `subject` on this device —
 * a legal basis for its region, a consent notice and the subject's consent, all recorded at time
 * 0, and an active lease of this device over all of time under a scope capturing every
 * application and https site at `full` with frames (built-in exclusions still apply). Returns the
 * lease id. Tests of the permission check use the real lease route instead.
 */
export async function permitCapture(server: StenoServer, subject: string, deviceId: string): Promise<string> {
  const version = await permitSubject(server, subject);
  const db = server.db;
  const leaseId = `ls_fixture_${deviceId.slice(4, 20)}`;
  await db.query(
    `INSERT INTO capture_leases (lease_id, device_id, subject_id, issued_at, expires_at, policy_version, state)
     VALUES ($1, $2, $3, 0, 8640000000000000, $4, 'active')`,
    [leaseId, deviceId, subject, version],
  );
  return leaseId;
}

/** A short, plausible run of events starting at `t0`, with a canary string typed into a note. */
export function sampleEvents(t0: number, canary = 'CANARY'): StenoEvent[] {
  const events: StenoEvent[] = [{ type: 'focus', t: t0, app: 'gedit', title: 'notes.txt' }];
  let t = t0 + 10;
  for (const ch of canary) {
    events.push({ type: 'key', t: t++, dir: 'down', key: ch, char: ch, mods: [] });
    events.push({ type: 'key', t: t++, dir: 'up', key: ch, mods: [] });
  }
  events.push({ type: 'button', t: t++, dir: 'down', button: 'left', x: 100, y: 200, mods: [] });
  events.push({ type: 'button', t: t++, dir: 'up', button: 'left', x: 100, y: 200, mods: [] });
  return events;
}

export async function post(app: FastifyInstance, url: string, payload: unknown) {
  return app.inject({ method: 'POST', url, payload: payload as Record<string, unknown> });
}

/**
 * Publishes a consent notice if there is none and records this subject's consent to it, and records
 * a legal basis for the subject's region if it has none (test setup: capture needs all three).
 */
export async function consentFor(server: StenoServer, subject: string): Promise<void> {
  await server.db.query(
    `INSERT INTO program_regions (region, basis_kind, reference, recorded_by, recorded_at)
     SELECT region, 'other', 'test setup', 'test', $2 FROM subjects WHERE id = $1
     ON CONFLICT (region) DO NOTHING`,
    [subject, Date.now()],
  );
  const { currentNotice, publishNotice, recordConsent } = await import(
    '../../packages/server/src/program/consent.ts'
  );
  const notice =
    (await currentNotice(server.db))?.version ??
    (await server.db.transaction((tx) =>
      publishNotice(tx, '# Steno test notice\n\nWhat is captured, and why.', 'test', Date.now()),
    ));
  await recordConsent(server.db, subject, notice, 'given', 'cli', Date.now());
}

/** Records the subject's withdrawal of consent to the current notice (test setup). */
export async function withdrawConsent(server: StenoServer, subject: string): Promise<void> {
  const { currentNotice, recordConsent } = await import('../../packages/server/src/program/consent.ts');
  const notice = await currentNotice(server.db);
  if (notice) await recordConsent(server.db, subject, notice.version, 'withdrawn', 'cli', Date.now());
}

/**
 * Test fixture: a legal basis for the subject's region, a consent notice and the subject's consent,
 * all recorded at time 0, and the fixture scope (every application and https site at `full`, with
 * frames) created if it is not there yet. Returns the fixture scope's version. A real agent of the
 * subject then gets active leases from the server (under the current scope).
 */
export async function permitSubject(server: StenoServer, subject: string): Promise<number> {
  const { publishNotice, recordConsent } = await import('../../packages/server/src/program/consent.ts');
  const { setScope } = await import('../../packages/server/src/program/capture-scope.ts');
  const db = server.db;
  await db.query(
    `INSERT INTO program_regions (region, basis_kind, reference, recorded_by, recorded_at)
     SELECT region, 'other', 'test fixture', 'test', 0 FROM subjects WHERE id = $1
     ON CONFLICT (region) DO NOTHING`,
    [subject],
  );
  const first = await db.query('SELECT version FROM consent_notices ORDER BY version LIMIT 1');
  const notice =
    first[0] !== undefined
      ? Number(first[0].version)
      : await db.transaction((tx) => publishNotice(tx, '# Steno test notice\n\nFixture.', 'test', 0));
  await recordConsent(db, subject, notice, 'given', 'cli', 0);
  const fixture = await db.query("SELECT version FROM capture_scopes WHERE created_by = 'test-fixture'");
  return fixture[0] !== undefined
    ? Number(fixture[0].version)
    : await db.transaction((tx) =>
        setScope(
          tx,
          {
            apps: [{ app: '*', level: 'full', frames: true }],
            sites: [{ origin: 'https://*', level: 'full', frames: true }],
          },
          'test-fixture',
          0,
        ),
      );
}

/**
 * The fixture above records "always permitted" (notice, consent, region basis, scope) at time 0,
 * which a page rightly shows as 1970. Where people look at it (portal tests, screenshots), this
 * dates those records `at` instead — a time before any event the caller stored.
 */
export async function redateFixturePermissions(server: StenoServer, at: number): Promise<void> {
  for (const [table, column] of [
    ['consent_notices', 'published_at'],
    ['consent_records', 'at'],
    ['program_regions', 'recorded_at'],
    ['capture_scopes', 'created_at'],
  ] as const)
    await server.db.query(`UPDATE ${table} SET ${column} = $1 WHERE ${column} = 0`, [at]);
}

/** A privacy officer's API token (`program:admin`) for `person:<name>`. */
export async function officerToken(server: StenoServer, name: string, ttlMs = 60_000): Promise<string> {
  return (
    await issueApiToken(
      server.db,
      { principal: `person:${name}`, role: 'privacy_officer', scopes: ['program:admin'], ttlMs },
      Date.now(),
    )
  ).token;
}
