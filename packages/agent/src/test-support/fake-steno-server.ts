/**
 * Test support: a real HTTP server on 127.0.0.1 that plays the Steno server's contract for
 * enrolment and batch upload (schema, signature, device binding, dedupe by batch id), with
 * injectable faults: 5xx, 429, dropped connections, an answer lost after storing, error codes.
 * It also signs capture leases (POST /v1/device/lease) and pushes them over server-sent events
 * (GET /v1/device/stream), with a scope, a pause switch and a lease lifetime set by the test.
 */
import { type KeyObject, randomBytes, verify } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  Batch,
  type BatchAck,
  batchV2SigningBytes,
  type CaptureLease,
  type CaptureScope,
  canonicalJson,
  EnrolRequest,
  generateEd25519,
  importPrivateKey,
  importPublicKey,
  LeaseRequest,
  SignedBatchV2,
  type SignedLease,
  signCanonical,
  verifyCanonical,
} from '@steno/protocol';

export type Fault =
  | { kind: 'status'; status: number; code?: string }
  | { kind: 'drop' }
  /** Store the batch, then drop the connection: the agent never sees the ack. */
  | { kind: 'drop-after-store' };

interface Device {
  deviceId: string;
  subject: string;
  publicKey: string;
  revoked: boolean;
}

export interface StoredBatch {
  batch: Batch;
  canonical: string;
  ack: BatchAck;
}

export class FakeStenoServer {
  readonly tokens = new Map<string, string>(); // token → subject
  readonly devices = new Map<string, Device>();
  /** Stored batches in arrival order. */
  readonly stored: StoredBatch[] = [];
  readonly byId = new Map<string, StoredBatch>();
  /** Faults consumed one per batch request, in order. */
  readonly faults: Fault[] = [];
  /** Called per batch request to pick a fault when the queue is empty. */
  randomFault: (() => Fault | undefined) | undefined;
  batchRequests = 0;
  /** The scope every lease carries; default: nothing in scope. */
  scope: CaptureScope = { apps: [], sites: [] };
  policyVersion = 1;
  /** The program-wide pause (kill switch): leases are issued `paused`. */
  paused = false;
  leaseTtlMs = 60_000;
  /**
   * How long before now leases claim to have been issued (default 0). A replay stamps nothing
   * before its lease, so tests that replay a recording at full speed backdate the lease by more
   * than the recording's span instead of waiting it out in real time.
   */
  leaseBackdateMs = 0;
  /** When false, lease requests get 503 (the device hears nothing and its lease runs out). */
  issueLeases = true;
  leaseRequests = 0;
  /** Open push streams, by device id. */
  readonly streams = new Map<string, Set<ServerResponse>>();
  readonly #leaseKeys = generateEd25519();
  readonly #leaseSigningKey: KeyObject = importPrivateKey(this.#leaseKeys.privateKey);
  readonly #server: Server;
  url = '';
  #port = 0;

  constructor() {
    this.#server = createServer((req, res) => {
      this.#handle(req, res).catch(() => {
        res.statusCode = 500;
        res.end();
      });
    });
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.#server.listen(this.#port, '127.0.0.1', resolve));
    const { port } = this.#server.address() as AddressInfo;
    this.#port = port;
    this.url = `http://127.0.0.1:${port}`;
    return this;
  }

  /** Stops listening and drops every connection (streams included); `start()` again reuses the port and state. */
  async close(): Promise<void> {
    for (const set of this.streams.values()) for (const res of set) res.destroy();
    this.streams.clear();
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  /** The raw Ed25519 public key leases are signed with (sent at enrolment as `leaseKey`). */
  get leaseKey(): string {
    return this.#leaseKeys.publicKey;
  }

  /** Signs a lease for a device as the server would now (state from `paused`). */
  signLease(deviceId: string, overrides: Partial<CaptureLease> = {}): SignedLease {
    const device = this.devices.get(deviceId);
    const now = Date.now();
    const lease: CaptureLease = {
      v: 1,
      leaseId: `lse_${randomBytes(9).toString('base64url')}`,
      deviceId,
      subject: device?.subject ?? 'alice',
      issuedAt: now - this.leaseBackdateMs,
      expiresAt: now + this.leaseTtlMs,
      policyVersion: this.policyVersion,
      state: this.paused ? 'paused' : 'active',
      ...(this.paused ? { reason: 'KILL_SWITCH' } : {}),
      scope: this.scope,
      ...overrides,
    };
    return { v: 1, lease, sig: signCanonical('steno-lease-v1', lease, this.#leaseSigningKey) };
  }

  /** Sets the pause switch and pushes a fresh lease to every connected device. */
  setPaused(paused: boolean): void {
    this.paused = paused;
    this.pushAll();
  }

  /** Pushes a freshly signed lease to every open stream. */
  pushAll(): void {
    for (const [deviceId, set] of this.streams) {
      const data = `data: ${JSON.stringify(this.signLease(deviceId))}\n\n`;
      for (const res of set) res.write(data);
    }
  }

  /** Resolves once `deviceId` (or any device) has an open stream. */
  async waitForStream(timeoutMs = 5_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    while ([...this.streams.values()].every((s) => s.size === 0)) {
      if (Date.now() > until) throw new Error('no device stream connected');
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  addToken(subject = 'alice'): string {
    const token = `enrol_${randomBytes(16).toString('base64url')}`;
    this.tokens.set(token, subject);
    return token;
  }

  revokeAll(): void {
    for (const device of this.devices.values()) device.revoked = true;
  }

  /** Every stored event, in seq order of the batches. */
  events(): Batch['events'] {
    return [...this.stored].sort((a, b) => a.batch.seq - b.batch.seq).flatMap((s) => s.batch.events);
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<undefined> {
    if (req.method === 'GET' && req.url?.startsWith('/v1/device/stream?')) return this.#stream(req, res);
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    let body: unknown;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      return send(res, 400, error('MALFORMED_JSON'));
    }
    if (req.method === 'POST' && req.url === '/v1/enrol') return this.#enrol(body, res);
    if (req.method === 'POST' && req.url === '/v1/batches') return this.#batch(body, res);
    if (req.method === 'POST' && req.url === '/v1/device/lease') return this.#lease(body, res);
    return send(res, 404, error('NOT_FOUND'));
  }

  #enrol(body: unknown, res: ServerResponse): undefined {
    const parsed = EnrolRequest.safeParse(body);
    if (!parsed.success) return send(res, 400, error('SCHEMA_INVALID'));
    const { token, publicKey, name, proof } = parsed.data;
    const subject = this.tokens.get(token);
    if (subject === undefined) return send(res, 401, error('ENROL_TOKEN_INVALID'));
    if (!verifyCanonical('steno-enrol-v1', { token, publicKey, name }, proof, importPublicKey(publicKey))) {
      return send(res, 400, error('ENROL_PROOF_INVALID'));
    }
    if ([...this.devices.values()].some((d) => d.publicKey === publicKey)) {
      return send(res, 409, error('DEVICE_KEY_IN_USE'));
    }
    this.tokens.delete(token);
    const deviceId = `dev_${randomBytes(12).toString('base64url')}`;
    this.devices.set(deviceId, { deviceId, subject, publicKey, revoked: false });
    send(res, 201, { v: 1, deviceId, subject, leaseKey: this.leaseKey });
  }

  #checkProof(
    deviceId: string,
    issuedAt: number,
    nonce: string,
    purpose: string,
    proof: string,
  ): string | undefined {
    const device = this.devices.get(deviceId);
    if (!device) return 'DEVICE_UNKNOWN';
    if (device.revoked) return 'DEVICE_REVOKED';
    if (Math.abs(Date.now() - issuedAt) > 5 * 60_000) return 'PROOF_EXPIRED';
    const ok = verifyCanonical(
      'steno-device-request-v1',
      { deviceId, issuedAt, nonce, purpose },
      proof,
      importPublicKey(device.publicKey),
    );
    return ok ? undefined : 'PROOF_INVALID';
  }

  #lease(body: unknown, res: ServerResponse): undefined {
    this.leaseRequests += 1;
    if (!this.issueLeases) return send(res, 503, error('UNAVAILABLE'));
    const parsed = LeaseRequest.safeParse(body);
    if (!parsed.success) return send(res, 400, error('SCHEMA_INVALID'));
    const { deviceId, issuedAt, nonce, purpose, proof } = parsed.data;
    const refused = this.#checkProof(deviceId, issuedAt, nonce, purpose, proof);
    if (refused) return send(res, refused.startsWith('DEVICE') ? 403 : 401, error(refused));
    send(res, 200, this.signLease(deviceId));
  }

  #stream(req: IncomingMessage, res: ServerResponse): undefined {
    const query = new URL(req.url ?? '', 'http://x').searchParams;
    const deviceId = query.get('deviceId') ?? '';
    const refused = this.#checkProof(
      deviceId,
      Number(query.get('issuedAt')),
      query.get('nonce') ?? '',
      'stream',
      query.get('proof') ?? '',
    );
    if (refused) return send(res, 401, error(refused));
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store' });
    let set = this.streams.get(deviceId);
    if (!set) {
      set = new Set();
      this.streams.set(deviceId, set);
    }
    set.add(res);
    res.on('close', () => set.delete(res));
    res.write(`data: ${JSON.stringify(this.signLease(deviceId))}\n\n`);
    return undefined;
  }

  #batch(body: unknown, res: ServerResponse): undefined {
    this.batchRequests += 1;
    const fault = this.faults.shift() ?? this.randomFault?.();
    if (fault?.kind === 'drop') {
      res.socket?.destroy();
      return;
    }
    if (fault?.kind === 'status') return send(res, fault.status, error(fault.code ?? 'INTERNAL'));
    // Envelope v2 (what agents send): the batch's JSON text, signed as sent.
    const envelope = SignedBatchV2.safeParse(body);
    if (!envelope.success) return send(res, 400, error('SCHEMA_INVALID'));
    let inner: unknown;
    try {
      inner = JSON.parse(envelope.data.batch);
    } catch {
      return send(res, 400, error('SCHEMA_INVALID'));
    }
    const parsed = Batch.safeParse(inner);
    if (!parsed.success) return send(res, 400, error('SCHEMA_INVALID'));
    const batch = parsed.data;
    const device = this.devices.get(batch.deviceId);
    if (!device) return send(res, 401, error('DEVICE_UNKNOWN'));
    if (device.revoked) return send(res, 403, error('DEVICE_REVOKED'));
    const sig = Buffer.from(envelope.data.sig, 'base64url');
    const signed = batchV2SigningBytes(envelope.data.batch);
    if (sig.length !== 64 || !verify(null, signed, importPublicKey(device.publicKey), sig)) {
      return send(res, 400, error('SIGNATURE_INVALID'));
    }
    if (batch.subject !== device.subject) return send(res, 403, error('SUBJECT_MISMATCH'));
    const canonical = canonicalJson(batch);
    let stored = this.byId.get(batch.batchId);
    if (stored && stored.canonical !== canonical) return send(res, 409, error('BATCH_CONFLICT'));
    if (!stored) {
      const ack: BatchAck = {
        v: 1,
        batchId: batch.batchId,
        seq: batch.seq,
        status: 'stored',
        events: batch.events.length,
        storedAt: Date.now(),
      };
      stored = { batch, canonical, ack };
      this.byId.set(batch.batchId, stored);
      this.stored.push(stored);
    }
    if (fault?.kind === 'drop-after-store') {
      res.socket?.destroy();
      return;
    }
    send(res, 200, stored.ack);
  }
}

function error(code: string): unknown {
  return { error: { code, message: code.toLowerCase() } };
}

function send(res: ServerResponse, status: number, body: unknown): undefined {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
  return undefined;
}
