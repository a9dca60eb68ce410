/**
 * Test support: a real HTTP server on 127.0.0.1 that plays the Steno server's contract for
 * enrolment and batch upload (schema, signature, device binding, dedupe by batch id), with
 * injectable faults: 5xx, 429, dropped connections, an answer lost after storing, error codes.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type Batch,
  type BatchAck,
  canonicalJson,
  EnrolRequest,
  importPublicKey,
  SignedBatch,
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
  readonly #server: Server;
  url = '';

  constructor() {
    this.#server = createServer((req, res) => {
      this.#handle(req, res).catch(() => {
        res.statusCode = 500;
        res.end();
      });
    });
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
    const { port } = this.#server.address() as AddressInfo;
    this.url = `http://127.0.0.1:${port}`;
    return this;
  }

  async close(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
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
    send(res, 201, { v: 1, deviceId, subject });
  }

  #batch(body: unknown, res: ServerResponse): undefined {
    this.batchRequests += 1;
    const fault = this.faults.shift() ?? this.randomFault?.();
    if (fault?.kind === 'drop') {
      res.socket?.destroy();
      return;
    }
    if (fault?.kind === 'status') return send(res, fault.status, error(fault.code ?? 'INTERNAL'));
    const parsed = SignedBatch.safeParse(body);
    if (!parsed.success) return send(res, 400, error('SCHEMA_INVALID'));
    const { batch, sig } = parsed.data;
    const device = this.devices.get(batch.deviceId);
    if (!device) return send(res, 401, error('DEVICE_UNKNOWN'));
    if (device.revoked) return send(res, 403, error('DEVICE_REVOKED'));
    if (!verifyCanonical('steno-batch-v1', batch, sig, importPublicKey(device.publicKey))) {
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
