/** A minimal device for server tests: real keys, real enrolment, real signatures over real batches. */
import { randomBytes, randomUUID } from 'node:crypto';
import {
  type Batch,
  generateEd25519,
  importPrivateKey,
  type SignedBatch,
  type StenoEvent,
  signCanonical,
} from '@steno/protocol';
import type { FastifyInstance } from 'fastify';
import { createEnrolToken } from '../../packages/server/src/ingest/device-enrolment.ts';
import type { StenoServer } from '../../packages/server/src/steno-server.ts';

export interface TestDevice {
  deviceId: string;
  subject: string;
  sign(batch: Batch): SignedBatch;
  batch(events: StenoEvent[], overrides?: Partial<Batch>): SignedBatch;
  personalToken(): Promise<string>;
  /** The server's lease key as returned at enrolment. */
  leaseKey: string | undefined;
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

export async function enrolTestDevice(server: StenoServer, subject: string): Promise<TestDevice> {
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
  return {
    deviceId,
    subject,
    leaseKey,
    deviceRequest,
    sign,
    batch(events, overrides = {}) {
      return sign({
        v: 1,
        batchId: randomUUID(),
        deviceId,
        subject,
        seq: seq++,
        createdAt: Date.now(),
        events,
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
