/**
 * Long-lived server-sent-event streams to connected agents: a scope change or a pause is pushed
 * to every one of them at once as a fresh signed lease, so capture stops within a second. A global
 * pause goes first as one program-pause notice, signed once and written as the same bytes to every
 * stream (issue 19: 10,000 agents), then as paused leases like any other change.
 */
import type { KeyObject } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { type SignedLease, signProgramPause } from '@steno/protocol';
import type { DeviceRow } from '../store/subjects-repo.ts';
import type { IssuedLease } from './lease-issuer.ts';

interface Stream {
  device: DeviceRow;
  res: ServerResponse;
}

/** Devices signed for, recorded and written to at a time in a broadcast. */
const BROADCAST_SLICE = 500;

export class DeviceStreams {
  readonly #streams = new Set<Stream>();
  readonly #issue: (device: DeviceRow) => Promise<SignedLease>;
  readonly #issueMany: (devices: readonly DeviceRow[], size: number) => AsyncIterable<IssuedLease[]>;
  readonly #notices: { signingKey: KeyObject; now: () => number } | undefined;
  #heartbeat: NodeJS.Timeout | undefined;

  constructor(
    issue: (device: DeviceRow) => Promise<SignedLease>,
    issueMany: (devices: readonly DeviceRow[], size: number) => AsyncIterable<IssuedLease[]>,
    /** The lease key and clock that sign program-pause notices; without them none is sent. */
    notices?: { signingKey: KeyObject; now: () => number },
  ) {
    this.#issue = issue;
    this.#issueMany = issueMany;
    this.#notices = notices;
  }

  get size(): number {
    return this.#streams.size;
  }

  /** Takes over the response: SSE headers, the current lease, then pushes until the client leaves. */
  async open(device: DeviceRow, res: ServerResponse): Promise<void> {
    res.writeHead(200, {
      'content-type': 'text/event-stream',
      'cache-control': 'no-store',
      connection: 'keep-alive',
    });
    const stream = { device, res };
    this.#streams.add(stream);
    res.on('close', () => this.#streams.delete(stream));
    this.#heartbeat ??= setInterval(() => {
      for (const s of this.#streams) s.res.write(': keep-alive\n\n');
    }, 15_000).unref();
    await this.#send(stream);
  }

  async #send(s: Stream): Promise<void> {
    const lease = await this.#issue(s.device);
    s.res.write(`event: lease\ndata: ${JSON.stringify(lease)}\n\n`);
  }

  /**
   * Announces a global pause (call it once the pause is recorded, then `broadcast` the paused
   * leases): one notice, signed once, written as the same bytes to every open stream. Its time is
   * taken now, after the pause was recorded, so every lease issued at or before it predates the
   * pause and cannot lift it on the agent. Resolves, with the streams written to, once the notice
   * is on the wire: a response's write is flushed to its socket on the next tick, and the lease
   * broadcast that follows can run for long in promise jobs alone (an embedded database answers
   * in microtasks), so it waits for one turn of the event loop first (issue 19: 10,000 agents
   * got the notice only as late as their paused leases without it).
   */
  async announcePause(epoch: number): Promise<number> {
    if (!this.#notices) return 0;
    const { signingKey, now } = this.#notices;
    const signed = signProgramPause({ v: 1, kind: 'program-pause', epoch, issuedAt: now() }, signingKey);
    const frame = Buffer.from(`event: pause\ndata: ${JSON.stringify(signed)}\n\n`, 'utf8');
    for (const s of this.#streams) s.res.write(frame);
    await new Promise<void>((resolve) => setImmediate(resolve));
    return this.#streams.size;
  }

  /**
   * Pushes a fresh lease to every connected device (or those `which` selects), in slices of
   * `BROADCAST_SLICE`: each slice is written as soon as it is signed and recorded, so the first
   * devices hold the new lease while the next slice is signed (10,000 agents: issue 19).
   */
  async broadcast(which: (device: DeviceRow) => boolean = () => true): Promise<number> {
    const targets = [...this.#streams].filter((s) => which(s.device));
    let at = 0;
    for await (const leases of this.#issueMany(
      targets.map((s) => s.device),
      BROADCAST_SLICE,
    )) {
      for (const lease of leases) {
        const s = targets[at++];
        if (s?.device.id !== lease.signed.lease.deviceId) throw new Error('broadcast out of step');
        s.res.write(`event: lease\ndata: ${lease.json}\n\n`);
      }
    }
    return targets.length;
  }

  close(): void {
    if (this.#heartbeat) clearInterval(this.#heartbeat);
    for (const s of this.#streams) s.res.end();
    this.#streams.clear();
  }
}
