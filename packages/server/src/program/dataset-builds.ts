/**
 * Dataset builds: the server side of @steno/datasets. A build reads, through the guard, only the
 * subjects who consent to the current notice (a withdrawn contributor is in no later version),
 * under one audit entry that names them; it runs in the background with progress kept in the
 * store; its files are stored encrypted with the dataset's own key, wrapped by the KEK.
 */
import { randomBytes } from 'node:crypto';
import {
  type BuildProgress,
  buildDataset,
  type DatasetSpec,
  decryptDatasetFile,
  generatePseudonymSecret,
  type SubjectStream,
  sealDataset,
} from '@steno/datasets';
import type { Principal } from '../auth/principal.ts';
import { unwrapDatasetKeys, wrapDatasetKeys } from '../crypto/dataset-keys.ts';
import type { Kek } from '../crypto/kek.ts';
import type { Guard, TaskReview } from '../guard/guard.ts';
import { withSubjects } from '../store/batches-repo.ts';
import type { SqlClient } from '../store/sql-client.ts';
import { bytes, num } from '../store/sql-client.ts';
import { currentScope } from './capture-scope.ts';
import { currentNotice, subjectsWithConsent } from './consent.ts';

export interface DatasetRecord {
  id: string;
  name: string;
  version: number;
  status: 'building' | 'ready' | 'failed' | 'revoked';
  progress: Partial<BuildProgress> & { subjects?: number };
  error: string | null;
  createdBy: string;
  createdAt: number;
  finishedAt: number | null;
  manifest: unknown;
  card: string | null;
  files: { name: string; mediaType: string; sha256: string }[];
}

export function newDatasetId(): string {
  return `ds_${randomBytes(9).toString('base64url')}`;
}

export class DatasetBuilds {
  readonly #deps: { db: SqlClient; guard: Guard; kek: Kek; now: () => number };
  readonly #running = new Set<Promise<void>>();

  constructor(deps: { db: SqlClient; guard: Guard; kek: Kek; now: () => number }) {
    this.#deps = deps;
  }

  /**
   * Authorises and audits the read (one entry naming every subject), records the build and starts
   * it in the background. A refusal changes nothing but the audit log.
   */
  async start(
    principal: Principal,
    spec: DatasetSpec,
    specText: string,
  ): Promise<{ ok: true; id: string; version: number; subjects: number } | { ok: false; reason: string }> {
    const { db, guard, now } = this.#deps;
    const id = newDatasetId();
    const from = Date.parse(spec.timeRange.from);
    const to = Date.parse(spec.timeRange.to) - 1;
    const consenting = [...(await subjectsWithConsent(db))].sort();
    const withData = new Set(
      (
        await withSubjects(db, consenting, (tx) =>
          tx.query(
            'SELECT DISTINCT subject_id FROM event_chunks WHERE subject_id = ANY($1::text[]) AND last_t >= $2 AND first_t <= $3',
            [consenting, from, to],
          ),
        )
      ).map((r) => String(r.subject_id)),
    );
    const subjects = consenting.filter((s) => withData.has(s));
    const opened = await guard.openForDataset(principal, { datasetId: id, subjects, from, to });
    if (!opened.ok) return { ok: false, reason: opened.reason };
    const version =
      num(
        (
          await db.query('SELECT coalesce(max(version), 0) AS v FROM datasets WHERE name = $1', [spec.name])
        )[0]?.v ?? 0,
      ) + 1;
    await db.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO datasets (id, name, version, spec, status, progress, created_by, created_at)
         VALUES ($1, $2, $3, $4, 'building', $5, $6, $7)`,
        [
          id,
          spec.name,
          version,
          specText,
          JSON.stringify({ phase: 'reading', subjects: subjects.length }),
          principal.id,
          now(),
        ],
      );
      if (subjects.length > 0)
        await tx.query(
          'INSERT INTO dataset_subjects (dataset_id, subject_id) SELECT $1, unnest($2::text[])',
          [id, subjects],
        );
    });
    const job = this.#run(id, version, spec, subjects, opened.value).catch(async (err: unknown) => {
      await db
        .query("UPDATE datasets SET status = 'failed', error = $2, finished_at = $3 WHERE id = $1", [
          id,
          (err as Error).name === 'DatasetError'
            ? (err as Error).message
            : 'the build failed; see the server log',
          now(),
        ])
        .catch(() => undefined);
    });
    this.#running.add(job);
    void job.finally(() => this.#running.delete(job));
    return { ok: true, id, version, subjects: subjects.length };
  }

  async #run(
    id: string,
    version: number,
    spec: DatasetSpec,
    subjects: string[],
    opened: {
      read: (subject: string) => AsyncIterable<import('@steno/protocol').StenoEvent[]>;
      reviews: (subject: string) => Promise<TaskReview[]>;
    },
  ): Promise<void> {
    const { db, kek, now } = this.#deps;
    const secret = generatePseudonymSecret();
    async function* streams(): AsyncIterable<SubjectStream> {
      for (const subjectId of subjects) {
        // The contributor's word on their tasks (issue 17): a dropped task never enters the
        // dataset, a description replaces the label, and `reviewedOnly` keeps only kept tasks.
        const reviews = (await opened.reviews(subjectId)).map((r) => ({
          taskId: r.taskId,
          decision: r.decision,
          ...(r.description !== null ? { description: r.description } : {}),
        }));
        yield { subjectId, events: opened.read(subjectId), reviews };
      }
    }
    let last = 0;
    const build = await buildDataset(spec, streams(), {
      secret,
      onProgress: (p) => {
        // At most a few writes a second; the numbers only ever cover at least k people.
        if (Date.now() - last < 250 && p.phase !== 'done') return;
        last = Date.now();
        void db
          .query('UPDATE datasets SET progress = $2 WHERE id = $1', [
            id,
            JSON.stringify({ ...p, subjects: subjects.length }),
          ])
          .catch(() => undefined);
      },
    });
    const notice = await currentNotice(db);
    const scope = await currentScope(db);
    const sealed = sealDataset(build, {
      datasetId: id,
      version,
      createdAt: new Date(now()).toISOString(),
      policyVersion: `capture-scope v${scope.version}`,
      consentNoticeVersions: notice ? [String(notice.version)] : [],
    });
    await db.transaction(async (tx) => {
      // A contributor who withdrew during the build revoked it: store nothing.
      const still = await tx.query(
        "SELECT 1 FROM datasets WHERE id = $1 AND status = 'building' FOR UPDATE",
        [id],
      );
      if (still.length === 0) return;
      for (const f of sealed.files)
        await tx.query(
          'INSERT INTO dataset_files (dataset_id, name, media_type, sha256, ciphertext) VALUES ($1, $2, $3, $4, $5)',
          [id, f.name, f.mediaType, f.sha256, f.ciphertext],
        );
      await tx.query(
        `UPDATE datasets SET status = 'ready', finished_at = $2, wrapped_keys = $3, manifest = $4, card = $5, progress = $6
          WHERE id = $1`,
        [
          id,
          now(),
          wrapDatasetKeys(kek, id, sealed.key, secret),
          new TextDecoder().decode(sealed.manifestJson),
          sealed.card,
          JSON.stringify({
            phase: 'done',
            subjects: subjects.length,
            episodes: build.episodes.length,
            steps: build.steps.length,
          }),
        ],
      );
    });
  }

  /**
   * A contributor withdrew or was erased: every version built from their data is revoked — its
   * wrapped keys destroyed (crypto-shredding the files) and its files deleted. Rebuilding makes a
   * new version without them. Returns the revoked versions.
   */
  async revokeForSubject(
    subject: string,
    reason: 'consent_withdrawn' | 'erased',
  ): Promise<{ id: string; name: string; version: number }[]> {
    const rows = await this.#deps.db.transaction(async (tx) => {
      const hit = await tx.query(
        `UPDATE datasets SET status = 'revoked', wrapped_keys = NULL, manifest = NULL, revoked_at = $2, revoked_reason = $3
          WHERE status IN ('building', 'ready') AND id IN (SELECT dataset_id FROM dataset_subjects WHERE subject_id = $1)
          RETURNING id, name, version`,
        [subject, this.#deps.now(), reason],
      );
      if (hit.length > 0)
        await tx.query('DELETE FROM dataset_files WHERE dataset_id = ANY($1::text[])', [
          hit.map((r) => String(r.id)),
        ]);
      return hit;
    });
    return rows.map((r) => ({ id: String(r.id), name: String(r.name), version: num(r.version) }));
  }

  /** Waits for builds in progress (tests, shutdown). */
  async idle(): Promise<void> {
    await Promise.all([...this.#running]);
  }

  async list(): Promise<DatasetRecord[]> {
    const rows = await this.#deps.db.query('SELECT * FROM datasets ORDER BY created_at DESC LIMIT 200');
    return Promise.all(rows.map((r) => this.#record(r)));
  }

  async get(id: string): Promise<DatasetRecord | undefined> {
    const r = (await this.#deps.db.query('SELECT * FROM datasets WHERE id = $1', [id]))[0];
    return r ? this.#record(r) : undefined;
  }

  async #record(r: Record<string, unknown>): Promise<DatasetRecord> {
    const files = await this.#deps.db.query(
      'SELECT name, media_type, sha256 FROM dataset_files WHERE dataset_id = $1 ORDER BY name',
      [String(r.id)],
    );
    return {
      id: String(r.id),
      name: String(r.name),
      version: num(r.version),
      status: String(r.status) as DatasetRecord['status'],
      progress: JSON.parse(String(r.progress)) as DatasetRecord['progress'],
      error:
        r.error !== null
          ? String(r.error)
          : r.revoked_reason !== null && r.revoked_reason !== undefined
            ? `revoked: ${String(r.revoked_reason)}; rebuild for a version without that contributor`
            : null,
      createdBy: String(r.created_by),
      createdAt: num(r.created_at),
      finishedAt: r.finished_at === null ? null : num(r.finished_at),
      manifest: r.manifest === null ? null : JSON.parse(String(r.manifest)),
      card: r.card === null ? null : String(r.card),
      files: files.map((f) => ({
        name: String(f.name),
        mediaType: String(f.media_type),
        sha256: String(f.sha256),
      })),
    };
  }

  /** A file's plaintext, decrypted with the dataset's key (the route has authorised and audited). */
  async download(id: string, name: string): Promise<{ bytes: Uint8Array; mediaType: string } | undefined> {
    const { db, kek } = this.#deps;
    const row = (
      await db.query(
        `SELECT d.wrapped_keys, f.media_type, f.ciphertext FROM datasets d JOIN dataset_files f ON f.dataset_id = d.id
          WHERE d.id = $1 AND f.name = $2 AND d.status = 'ready'`,
        [id, name],
      )
    )[0];
    if (!row || row.wrapped_keys === null) return undefined;
    const { fileKey } = unwrapDatasetKeys(kek, id, bytes(row.wrapped_keys));
    const out = decryptDatasetFile(fileKey, name, bytes(row.ciphertext));
    if (!out.ok) return undefined;
    return { bytes: out.value, mediaType: String(row.media_type) };
  }
}
