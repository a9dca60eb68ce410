/**
 * Invariant 3 (encrypted everywhere): after uploads, no byte sequence of an uploaded canary is
 * found anywhere in the server's data folder — database files, key store, everything — while the
 * contributor can still read the canary back through the guard.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enrolTestDevice, post, sampleEvents } from './support/test-device.ts';
import { startTestServer, type TestServer } from './support/test-server.ts';

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...filesUnder(p));
    else out.push(p);
  }
  return out;
}

describe('no plaintext at rest (issue 2)', () => {
  let ts: TestServer;
  beforeAll(async () => {
    ts = await startTestServer('pglite');
  });
  afterAll(async () => {
    await ts?.close();
  });

  it('canaries from uploaded payloads appear in no file of the data folder', async () => {
    const canaries = Array.from({ length: 5 }, (_, i) => `ZQXcanary${i}${Date.now().toString(36)}JWV`);
    const dev = await enrolTestDevice(ts.server, 'canary-subject');
    const t0 = Date.now() - 10_000;
    for (const [i, canary] of canaries.entries()) {
      const events = sampleEvents(t0 + i * 1_000, canary);
      events[0] = { type: 'focus', t: t0 + i * 1_000, app: `app-${canary}`, title: `title-${canary}` };
      expect((await post(ts.server.app, '/v1/batches', dev.batch(events))).statusCode).toBe(200);
    }
    // Force PGlite to write everything to its files.
    await ts.server.db.exec('CHECKPOINT');

    const token = await dev.personalToken();
    const read = await ts.server.app.inject({
      method: 'GET',
      url: '/v1/me/events',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(read.body).toContain(canaries[0]);
    // issue 17: a task description the contributor wrote is sealed like their events
    const described = `ZQXreview${Date.now().toString(36)}JWV`;
    const review = await ts.server.app.inject({
      method: 'PUT',
      url: '/v1/me/reviews/tk_canary',
      headers: { authorization: `Bearer ${token}` },
      payload: { decision: 'keep', description: `Checked ${described} twice` },
    });
    expect(review.json().description, review.body).toBe(`Checked ${described} twice`);
    canaries.push(described);
    await ts.server.db.exec('CHECKPOINT');

    const files = filesUnder(ts.dataDir);
    expect(files.some((f) => f.includes(`${join(ts.dataDir, 'db')}`))).toBe(true);
    // The scan must be able to find what it looks for: a control string stored in plaintext is found.
    const control = 'ZQXcontrolplainJWV';
    await ts.server.db.query('INSERT INTO subjects (id, created_at) VALUES ($1, $2)', [
      control.toLowerCase(),
      Date.now(),
    ]);
    await ts.server.db.exec('CHECKPOINT');
    const all = filesUnder(ts.dataDir).map((f) => readFileSync(f));
    expect(all.some((b) => b.includes(control.toLowerCase()))).toBe(true);
    for (const canary of canaries) {
      for (const needle of [canary, canary.slice(3, 12)]) {
        const hits = filesUnder(ts.dataDir).filter((f) => readFileSync(f).includes(needle));
        expect(hits, `"${needle}" found in ${hits.join(', ')}`).toEqual([]);
      }
    }
  });
});
