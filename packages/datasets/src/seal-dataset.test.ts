import { describe, expect, it } from 'vitest';
import { buildDataset } from './build-dataset.ts';
import { episodesToJsonl } from './episodes-jsonl.ts';
import { decryptDatasetFile, sha256Hex } from './file-crypto.ts';
import { sealDataset } from './seal-dataset.ts';
import { stepsToParquet } from './steps-parquet.ts';
import { population, SECRET_A, SUBJECTS, spec } from './test-support/population.ts';

const context = {
  datasetId: 'ds_01J9',
  version: 3,
  createdAt: '2026-02-02T10:00:00.000Z',
  policyVersion: 'policy-7',
  consentNoticeVersions: ['notice-2', 'notice-1'],
};

describe('sealDataset', async () => {
  const build = await buildDataset(spec(), population(), { secret: SECRET_A });
  const sealed = sealDataset(build, context);

  it('encrypts each file under the returned key, bound to its name', () => {
    expect(sealed.key.byteLength).toBe(32);
    expect(sealed.files.map((f) => f.name)).toEqual([
      'episodes.jsonl',
      'steps.parquet',
      'trajectories.jsonl',
      'train-00000-of-00001.parquet',
      'README.md',
    ]);
    const [jsonl, parquet] = sealed.files;
    const j = decryptDatasetFile(sealed.key, 'episodes.jsonl', jsonl?.ciphertext as Uint8Array);
    expect(j.ok && Buffer.from(j.value).equals(Buffer.from(episodesToJsonl(build.episodes)))).toBe(true);
    const p = decryptDatasetFile(sealed.key, 'steps.parquet', parquet?.ciphertext as Uint8Array);
    expect(p.ok && Buffer.from(p.value).equals(Buffer.from(stepsToParquet(build.steps)))).toBe(true);
    expect(decryptDatasetFile(sealed.key, 'steps.parquet', jsonl?.ciphertext as Uint8Array).ok).toBe(false);
  });

  it('lists both hashes of every file in the manifest', () => {
    for (const f of sealed.files) {
      const m = sealed.manifest.files.find((x) => x.name === f.name);
      const plain = decryptDatasetFile(sealed.key, f.name, f.ciphertext);
      if (!plain.ok) throw new Error('decrypt failed');
      expect(m).toMatchObject({
        bytes: plain.value.byteLength,
        sha256: sha256Hex(plain.value),
        encryptedBytes: f.ciphertext.byteLength,
        encryptedSha256: sha256Hex(f.ciphertext),
      });
      expect(m).not.toHaveProperty('ciphertext');
    }
  });

  it('records spec, policy, consent versions, counts and pseudonymous contributors', () => {
    const m = JSON.parse(Buffer.from(sealed.manifestJson).toString('utf8'));
    expect(m).toMatchObject({
      format: 'steno-dataset-manifest/1',
      datasetId: 'ds_01J9',
      name: 'test-set',
      version: 3,
      purpose: 'model_training',
      policyVersion: 'policy-7',
      consentNoticeVersions: ['notice-1', 'notice-2'],
      spec: { k: 5, quantiseMs: 100 },
      counts: { episodes: build.episodes.length, steps: build.steps.length, contributorsKept: 6 },
      contributors: build.contributors,
    });
    const text = Buffer.from(sealed.manifestJson).toString('utf8');
    for (const s of SUBJECTS) expect(text).not.toContain(s);
  });

  it('renders a dataset card with purpose, consent basis, k, redactions, dropped applications and limits', () => {
    const card = sealed.card;
    expect(card).toMatch(/^# Dataset card: test-set \(version 3\)/);
    for (const heading of [
      'Purpose',
      'Consent basis',
      'De-identification',
      'Redaction statistics',
      'Applications',
      'Known limits',
      'Files',
    ])
      expect(card).toContain(`## ${heading}`);
    expect(card).toContain('`notice-1`, `notice-2`');
    expect(card).toContain('**k = 5**');
    expect(card).toContain(`| EMAIL | ${build.stats.redactionsByEntity.EMAIL} |`);
    expect(card).toContain('Dropped for fewer than k contributors: 1 application(s)');
    expect(card).not.toContain('RareTool');
    expect(card).toContain(sealed.manifest.files[0]?.sha256 as string);
  });

  it('uses a given key', () => {
    const key = new Uint8Array(32).fill(1);
    expect(sealDataset(build, context, { key }).key).toBe(key);
  });
});
