/**
 * The witness (C2SP tlog-witness + tlog-cosignature), against published vectors and real
 * behaviour: a real public witness's cosignature on a real log's checkpoint, another
 * implementation's add-checkpoint request, and a witness that refuses forks, rollbacks and rewrites.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { decodeBase64 } from '../base64.ts';
import { signCheckpoint } from '../checkpoint.ts';
import { leafHash } from '../hashing.ts';
import { MemoryNodeStore } from '../memory-node-store.ts';
import { MerkleLog } from '../merkle-log.ts';
import { generateNoteKey, parseVerifierKey, verifierKeyString } from '../note-key.ts';
import { verifyNote } from '../signed-note.ts';
import { formatAddCheckpoint, parseAddCheckpoint } from './add-checkpoint.ts';
import { parseCosignerKey, verifyCosignatures } from './cosignature.ts';
import { FileWitnessState } from './file-witness-state.ts';
import { Witness } from './witness.ts';
import { loadOrCreateWitnessKey } from './witness-key.ts';
import { startWitnessServer } from './witness-server.ts';

// A checkpoint of transparency.dev's arche2025h1 staging CT log, cosigned by the public witness
// remora.n621.de among others (as published in a Python tlog test suite found through the search
// tool; remora's verifier key also appears in transparency-dev/formats note/note_cosigv1_test.go).
const ARCHE = `arche2025h1.staging.ct.transparency.dev
1432088532
U7WM79jrzyhGZ5/GUBTpM7NzwdyfFx61t3RovgcC4Ro=

— arche2025h1.staging.ct.transparency.dev zTM8sQAAAZ5W0WdjBAMARjBEAiBjW5IQf9pvsYLfQFX6hoGREPMHbdQ3urbllzalApkptQIgIpwtEroeW2BXaHAI4kJXFbon5Ch9MNL5zRNZ55lvGt0=
— arche2025h1.staging.ct.transparency.dev ui8GwCF1+kWqZrxGdhj4aX3gcw7XUlXQQabg/27lefwhUkzbC3NygNI75MdhL1bfTW9g8Ei59RA23oHP7Ry1k3ZFWwQ=
— transparency.dev/DEV:witness-little-garden 2AQqhwAAAABqEiEgzgFIqqhbUoDwjMWE6UP8nd8/KYTzwZ2rhIgcqoXHAwVkjZr4AscylP3v7sEodkRAErumC2q44vdgJY096st5BQ==
— witness1.smartit.nu/witness1 pIyCDwAAAABqEiEghIp82KWebrw7/oHQwlTAm3g2RKS4+eebl8eO0WH+/iEcxZ75W3u5hNI7TOQtmJbqmNWVuE0tgh0XwzdZsDsUAQ==
— remora.n621.de 2net5wAAAABqEiEgPlfF3V06o0Y+fHM+J5J9s27wgxxcOVSpZ/2g/KSiXCg9DEZI+aVCIobWX9sXTynk5XeU/zZ0WBxtqB0DrAWfBw==
— witness.stagemole.eu Z/euoAAAAABqEiEgw0i+7g2ENfDAWHmtRzCfKTHSDwYDJA2NmKeGi9Y8FtEyOUvVr+AJmIY/2TUFucgKi7lI7cUiOvKFYe/TmN9DAg==
`;
const ARCHE_LOG_KEY =
  'arche2025h1.staging.ct.transparency.dev+ba2f06c0+AU0vHmlGCS/PdN8b2OaGmKprLI8HKM+dJ472xgFYh15f';
const REMORA = 'remora.n621.de+da77ade7+BOvN63jn/bLvkieywe8R6UYAtVtNbZpXh34x7onlmtw2';

// FiloSottile/torchwood cmd/litewitness/testdata/multi-cosigs-ed25519.txt: the add-checkpoint body
// litewitness is tested with (a sigsum log, its key given as hex).
const LITEWITNESS_BODY = `old 0

sigsum.org/v1/tree/985ea163f5af026723561354f51f2ebcdcf2af809ce254ccfb64aa9aadd80f90
1
KgAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=

— sigsum.org/v1/tree/985ea163f5af026723561354f51f2ebcdcf2af809ce254ccfb64aa9aadd80f90 7BKT0gOfNZ1J0So9unY3BZtm2YkPIoNYM/dce0Z2avJDs8dxN6ts9bOSwwrVrbjm6P9K3ZxpK6jJngOG6YvGGzV/lwo=
`;
const SIGSUM_LOG_KEY_HEX = '52c05edad1bf5feffa81354faae59a655d9a9a1a793ed2f62c39c26c0be2aecd';

describe('interoperability with published vectors', () => {
  it("verifies a real public witness's cosignature (remora.n621.de) on a real log checkpoint", () => {
    const remora = parseCosignerKey(REMORA);
    expect(remora.ok).toBe(true);
    if (!remora.ok) return;
    const r = verifyCosignatures(ARCHE, [remora.cosigner]);
    expect(r).toMatchObject({ ok: true, cosignedBy: [{ name: 'remora.n621.de' }] });
    if (r.ok) expect(r.cosignedBy[0]?.timestamp).toBe(0x6a122120);
    // The log's own Ed25519 note signature verifies too (the other line of that name is ignored).
    const log = parseVerifierKey(ARCHE_LOG_KEY);
    if (!log.ok) throw new Error('log key');
    expect(verifyNote(ARCHE, [log.verifier]).ok).toBe(true);
    // A changed size: the cosignature no longer verifies.
    expect(verifyCosignatures(ARCHE.replace('1432088532', '1432088533'), [remora.cosigner])).toEqual({
      ok: false,
      reason: 'BAD_COSIGNATURE',
    });
  });

  it('reads the timestamp of a cosignature as transparency-dev/formats does (1727964367)', () => {
    const blob = decodeBase64(
      'ZGhGuQAAAABm/qTPeyKXD+R2rzyQsxPiP8mXum7qq/iF0u4vanlqJyocWODBt97w9uL+8qT7S5gxEHWWOworDcFiEBYJXORmnFBOBA==',
    );
    expect(blob?.length).toBe(76);
    expect(Buffer.from(blob as Uint8Array).readBigUInt64BE(4)).toBe(1727964367n);
  });

  it("parses litewitness's add-checkpoint request and verifies its log signature", () => {
    const r = parseAddCheckpoint(LITEWITNESS_BODY);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.request.oldSize).toBe(0);
    expect(r.request.proof).toEqual([]);
    const name = 'sigsum.org/v1/tree/985ea163f5af026723561354f51f2ebcdcf2af809ce254ccfb64aa9aadd80f90';
    const key = parseVerifierKey(verifierKeyString(name, Buffer.from(SIGSUM_LOG_KEY_HEX, 'hex')));
    if (!key.ok) throw new Error('key');
    expect(verifyNote(r.request.checkpoint, [key.verifier]).ok).toBe(true);
    expect(formatAddCheckpoint(r.request)).toBe(LITEWITNESS_BODY);
  });

  it('refuses malformed requests', () => {
    for (const bad of ['', 'old 01\n\nx', 'old 1\nnot-base64\n\nx', 'old 0\nAAAA\n\nx', 'old 1\n']) {
      expect(parseAddCheckpoint(bad).ok).toBe(false);
    }
  });
});

describe('witness', () => {
  const origin = 'steno.test/audit';
  const logKey = generateNoteKey(origin);
  const parsed = parseVerifierKey(logKey.verifierKey);
  if (!parsed.ok) throw new Error('key');
  let dir = '';
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  async function setup() {
    dir = mkdtempSync(join(tmpdir(), 'steno-witness-'));
    const signer = loadOrCreateWitnessKey(dir, 'witness.test/w1');
    const witness = new Witness({
      signer,
      logs: [{ origin, verifiers: [parsed.ok ? parsed.verifier : (undefined as never)] }],
      state: new FileWitnessState(dir),
      now: () => 1_700_000_000_000,
    });
    const store = new MemoryNodeStore();
    const log = MerkleLog.create(store);
    const grow = async (n: number) => {
      await log.append(Array.from({ length: n }, (_, i) => leafHash(Buffer.from(`e${log.size + i}`))));
    };
    const cp = async (size = log.size) =>
      signCheckpoint({ origin, size, rootHash: await log.root(size) }, logKey.signer);
    const submit = async (oldSize: number, size = log.size, proof?: Uint8Array[]) =>
      witness.addCheckpoint(
        formatAddCheckpoint({
          oldSize,
          proof: proof ?? (oldSize === 0 ? [] : await log.consistencyProof(oldSize, size)),
          checkpoint: await cp(size),
        }),
      );
    const cosigner = parseCosignerKey(witness.verifierKey);
    if (!cosigner.ok) throw new Error('cosigner');
    return { witness, log, grow, cp, submit, cosigner: cosigner.cosigner, signer };
  }

  it('cosigns a first checkpoint and each consistent extension; the cosignature verifies', async () => {
    const w = await setup();
    await w.grow(5);
    const first = await w.submit(0);
    expect(first.status).toBe(200);
    const note = (await w.cp()) + first.body;
    expect(verifyCosignatures(note, [w.cosigner])).toMatchObject({
      ok: true,
      cosignedBy: [{ name: 'witness.test/w1', timestamp: 1_700_000_000 }],
    });
    await w.grow(8);
    expect((await w.submit(5)).status).toBe(200);
    // The same checkpoint again is cosigned again (idempotent); the state says 13.
    expect((await w.submit(13)).status).toBe(200);
  });

  it('409 with the size it holds when the old size is stale (text/x.tlog.size)', async () => {
    const w = await setup();
    await w.grow(4);
    await w.submit(0);
    await w.grow(3);
    const r = await w.submit(0);
    expect(r).toEqual({ status: 409, contentType: 'text/x.tlog.size', body: '4\n' });
  });

  it('refuses a fork at the same size (409) and a rollback (400)', async () => {
    const w = await setup();
    await w.grow(6);
    await w.submit(0);
    const forked = signCheckpoint(
      { origin, size: 6, rootHash: leafHash(Buffer.from('other')) },
      logKey.signer,
    );
    const fork = await w.witness.addCheckpoint(
      formatAddCheckpoint({ oldSize: 6, proof: [], checkpoint: forked }),
    );
    expect(fork.status).toBe(409);
    const rollback = await w.submit(6, 3, []);
    expect(rollback.status).toBe(400);
  });

  it('refuses a rewritten history re-signed with the log key (422), and keeps its state', async () => {
    const w = await setup();
    await w.grow(5);
    await w.submit(0);
    // Another log with entry 2 changed, grown past 5, signed with the same key.
    const other = MerkleLog.create(new MemoryNodeStore());
    await other.append(
      Array.from({ length: 9 }, (_, i) => leafHash(Buffer.from(i === 2 ? 'forged' : `e${i}`))),
    );
    const checkpoint = signCheckpoint({ origin, size: 9, rootHash: await other.root() }, logKey.signer);
    const r = await w.witness.addCheckpoint(
      formatAddCheckpoint({ oldSize: 5, proof: await other.consistencyProof(5, 9), checkpoint }),
    );
    expect(r.status).toBe(422);
    // A restarted witness (state from its folder) still holds 5.
    const again = new Witness({
      signer: w.signer,
      logs: [{ origin, verifiers: [parsed.ok ? parsed.verifier : (undefined as never)] }],
      state: new FileWitnessState(dir),
    });
    const stale = await again.addCheckpoint(
      formatAddCheckpoint({ oldSize: 0, proof: [], checkpoint: await w.cp() }),
    );
    expect(stale.body).toBe('5\n');
  });

  it('404 for an unknown log, 403 for a checkpoint not signed by the log', async () => {
    const w = await setup();
    await w.grow(1);
    const stranger = generateNoteKey('other.test/log');
    const unknown = signCheckpoint(
      { origin: 'other.test/log', size: 1, rootHash: await w.log.root() },
      stranger.signer,
    );
    expect(
      (await w.witness.addCheckpoint(formatAddCheckpoint({ oldSize: 0, proof: [], checkpoint: unknown })))
        .status,
    ).toBe(404);
    const impostor = generateNoteKey(origin);
    const forged = signCheckpoint({ origin, size: 1, rootHash: await w.log.root() }, impostor.signer);
    expect(
      (await w.witness.addCheckpoint(formatAddCheckpoint({ oldSize: 0, proof: [], checkpoint: forged })))
        .status,
    ).toBe(403);
  });

  it('answers over HTTP as tlog-witness says', async () => {
    const w = await setup();
    const running = await startWitnessServer(w.witness);
    try {
      await w.grow(3);
      const body = formatAddCheckpoint({ oldSize: 0, proof: [], checkpoint: await w.cp() });
      const ok = await fetch(`${running.url}/add-checkpoint`, { method: 'POST', body });
      expect(ok.status).toBe(200);
      expect(verifyCosignatures((await w.cp()) + (await ok.text()), [w.cosigner]).ok).toBe(true);
      const conflict = await fetch(`${running.url}/add-checkpoint`, { method: 'POST', body });
      expect(conflict.status).toBe(409);
      expect(conflict.headers.get('content-type')).toBe('text/x.tlog.size');
      expect(await conflict.text()).toBe('3\n');
      expect((await fetch(`${running.url}/other`)).status).toBe(404);
    } finally {
      await running.close();
    }
  });
});
