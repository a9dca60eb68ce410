/**
 * Broadcasts to many connected devices (issue 19): in slices, each device gets exactly one new
 * lease — its own — and a slice is written only after it was issued (signed and recorded).
 */
import { EventEmitter } from 'node:events';
import type { ServerResponse } from 'node:http';
import {
  generateEd25519,
  importPrivateKey,
  importPublicKey,
  type SignedLease,
  verifyProgramPause,
} from '@steno/protocol';
import { describe, expect, it } from 'vitest';
import type { DeviceRow } from '../store/subjects-repo.ts';
import { DeviceStreams } from './device-streams.ts';
import type { IssuedLease } from './lease-issuer.ts';

class FakeResponse extends EventEmitter {
  readonly written: string[] = [];
  readonly chunks: unknown[] = [];
  writeHead(): this {
    return this;
  }
  write(chunk: string | Buffer): boolean {
    this.chunks.push(chunk);
    this.written.push(String(chunk));
    return true;
  }
  end(): void {
    this.emit('close');
  }
}

const device = (i: number): DeviceRow => ({
  id: `dev_${String(i).padStart(22, '0')}`,
  subjectId: `person-${i}`,
  publicKey: `pk-${i}`,
  name: 'test',
  createdAt: 1,
  revokedAt: null,
  lastSeq: -1,
});

const leaseFor = (d: DeviceRow, n: number) =>
  ({ v: 1, lease: { deviceId: d.id, leaseId: `ls_${n}_${d.id}` }, sig: 'x' }) as unknown as SignedLease;

describe('DeviceStreams.broadcast', () => {
  it('pushes one fresh lease of its own to each of 1,234 devices, issued slice by slice before it is written', async () => {
    const issued: string[] = [];
    const slices: number[] = [];
    let round = 0;
    const streams = new DeviceStreams(
      async (d) => leaseFor(d, 0),
      async function* (devices, size): AsyncGenerator<IssuedLease[]> {
        for (let i = 0; i < devices.length; i += size) {
          const slice = devices.slice(i, i + size);
          slices.push(slice.length);
          yield slice.map((d) => {
            const signed = leaseFor(d, round);
            issued.push(signed.lease.leaseId);
            return { signed, json: JSON.stringify(signed) };
          });
        }
      },
    );
    const responses = Array.from({ length: 1_234 }, () => new FakeResponse());
    await Promise.all(responses.map((res, i) => streams.open(device(i), res as unknown as ServerResponse)));
    round = 1;
    // Selected devices only: every third one is left out.
    const sent = await streams.broadcast((d) => Number(d.id.slice(4)) % 3 !== 0);
    streams.close();
    expect(sent).toBe(1_234 - Math.ceil(1_234 / 3));
    expect(slices.every((n) => n <= 500)).toBe(true);
    expect(slices.reduce((a, b) => a + b, 0)).toBe(sent);
    responses.forEach((res, i) => {
      const leases = res.written
        .filter((w) => w.startsWith('event: lease'))
        .map((w) => JSON.parse(w.split('data: ')[1] as string) as SignedLease);
      const expected = i % 3 === 0 ? 1 : 2;
      expect(leases).toHaveLength(expected);
      for (const l of leases) expect(l.lease.deviceId).toBe(device(i).id);
      if (expected === 2) {
        expect(leases[1]?.lease.leaseId).toBe(`ls_1_${device(i).id}`);
        expect(issued).toContain(leases[1]?.lease.leaseId);
      }
    });
  });
});

describe('DeviceStreams.announcePause', () => {
  it('writes one notice, signed once, as the same bytes to every open stream; it verifies with the lease key', async () => {
    const keys = generateEd25519();
    const issueNone = async function* (): AsyncGenerator<IssuedLease[]> {};
    const streams = new DeviceStreams(async (d) => leaseFor(d, 0), issueNone, {
      signingKey: importPrivateKey(keys.privateKey),
      now: () => 1_780_000_000_000,
    });
    const responses = Array.from({ length: 50 }, () => new FakeResponse());
    await Promise.all(responses.map((res, i) => streams.open(device(i), res as unknown as ServerResponse)));
    expect(await streams.announcePause(7)).toBe(50);
    const frames = responses.map((r) => r.chunks.at(-1));
    expect(new Set(frames).size).toBe(1);
    const text = String(frames[0]);
    expect(text.startsWith('event: pause\ndata: ')).toBe(true);
    const verified = verifyProgramPause(
      JSON.parse(text.split('data: ')[1] as string),
      importPublicKey(keys.publicKey),
    );
    expect(verified).toEqual({
      ok: true,
      notice: { v: 1, kind: 'program-pause', epoch: 7, issuedAt: 1_780_000_000_000 },
    });
    // Another key's view: not a notice of this server.
    expect(
      verifyProgramPause(
        JSON.parse(text.split('data: ')[1] as string),
        importPublicKey(generateEd25519().publicKey),
      ).ok,
    ).toBe(false);
    streams.close();
    // Without a signing key, no notice is sent (leases alone, as before).
    const plain = new DeviceStreams(async (d) => leaseFor(d, 0), issueNone);
    const res = new FakeResponse();
    await plain.open(device(0), res as unknown as ServerResponse);
    expect(await plain.announcePause(1)).toBe(0);
    expect(res.written.some((w) => w.startsWith('event: pause'))).toBe(false);
    plain.close();
  });
});
