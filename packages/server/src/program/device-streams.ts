/**
 * Long-lived server-sent-event streams to connected agents: a scope change or a pause is pushed
 * to every one of them at once as a fresh signed lease, so capture stops within a second.
 */
import type { ServerResponse } from 'node:http';
import type { SignedLease } from '@steno/protocol';
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
  #heartbeat: NodeJS.Timeout | undefined;

  constructor(
    issue: (device: DeviceRow) => Promise<SignedLease>,
    issueMany: (devices: readonly DeviceRow[], size: number) => AsyncIterable<IssuedLease[]>,
  ) {
    this.#issue = issue;
    this.#issueMany = issueMany;
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
