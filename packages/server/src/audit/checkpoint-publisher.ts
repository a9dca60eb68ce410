/**
 * Publishing the audit log's checkpoints through witnesses (issue 20). The server signs a
 * checkpoint only of what its self-check has re-hashed, submits it to every configured witness
 * (C2SP tlog-witness add-checkpoint, with a consistency proof from the size that witness last
 * cosigned), and counts it as published only once a quorum of them returned valid cosignatures.
 * The published note — the log's signature and the cosignature lines — is what
 * `/v1/audit/checkpoint` serves and what `audit verify`, incident reports and the portal demand.
 *
 * A witness that refuses a checkpoint as inconsistent (a fork at the same size, a rewrite: 409 or
 * 422), or that holds a larger tree than the entries, is evidence that the log was rewritten: the
 * self-check records it (AUDIT_TAMPERED, an incident). The last published note is kept in a file
 * (outside the database) so that a restarted server checks its entries against it first.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import {
  type Cosigner,
  decodeBase64,
  formatAddCheckpoint,
  parseCosignerKey,
  verifyCheckpoint,
  verifyCosignatures,
} from '@steno/tlog';
import { StenoError } from '../errors.ts';
import type { SqlAuditLog } from './audit-log.ts';
import { type AuditSelfCheck, tamperedError } from './audit-self-check.ts';

export interface WitnessEndpoint {
  /** Submission prefix: `<url>/add-checkpoint` is posted to. */
  url: string;
  /** The witness's cosigner verifier key (`name+keyid+base64(0x04 || key)`). */
  verifierKey: string;
}

export interface PublisherOptions {
  audit: SqlAuditLog;
  check: AuditSelfCheck;
  /** The audit log's own verifier key (to re-check a stored note). */
  logVerifierKey: string;
  witnesses: readonly WitnessEndpoint[];
  quorum: number;
  /** Where the last published note is kept (outside the database). */
  stateFile?: string;
  now?: () => number;
  /** Seconds from signing a checkpoint to its quorum of cosignatures (metrics, the bench). */
  onPublished?: (seconds: number, size: number) => void;
  onWitnessError?: (url: string, err: unknown) => void;
  timeoutMs?: number;
}

interface WitnessSlot {
  endpoint: WitnessEndpoint;
  cosigner: Cosigner;
  /** The size this witness last cosigned, as far as we know. */
  size: number | undefined;
}

export interface PublishedCheckpoint {
  note: string;
  size: number;
  rootHash: Uint8Array;
  cosignedBy: string[];
}

export class CheckpointPublisher {
  readonly #o: PublisherOptions;
  readonly #slots: WitnessSlot[];
  #latest: PublishedCheckpoint | undefined;
  #queue: Promise<unknown> = Promise.resolve();
  #timer: NodeJS.Timeout | undefined;
  /** Also told of each publication: seconds from signing to the quorum's last cosignature, and the size. */
  onPublished: ((seconds: number, size: number) => void) | undefined;

  constructor(options: PublisherOptions) {
    this.#o = options;
    if (options.quorum < 1 || options.quorum > options.witnesses.length)
      throw new StenoError(
        'CONFIG_INVALID',
        'the witness quorum must be between 1 and the number of witnesses',
      );
    this.#slots = options.witnesses.map((endpoint) => {
      const c = parseCosignerKey(endpoint.verifierKey);
      if (!c.ok) throw new StenoError('CONFIG_INVALID', `not a witness verifier key: ${endpoint.url}`);
      return { endpoint, cosigner: c.cosigner, size: undefined };
    });
    this.#latest = this.#readState();
    if (this.#latest) options.check.addAnchor(this.#latest);
  }

  /** The witnesses' verifier keys and the quorum, for verifiers to pin. */
  get policy(): { witnesses: { name: string; verifierKey: string }[]; quorum: number } {
    return {
      witnesses: this.#slots.map((s) => ({ name: s.cosigner.name, verifierKey: s.endpoint.verifierKey })),
      quorum: this.#o.quorum,
    };
  }

  get cosigners(): Cosigner[] {
    return this.#slots.map((s) => s.cosigner);
  }

  /** The latest checkpoint a quorum cosigned, if any. */
  get latest(): PublishedCheckpoint | undefined {
    return this.#latest;
  }

  /** Re-checks the new entries, signs what was checked, and asks the witnesses. Serialised. */
  publish(): Promise<PublishedCheckpoint | undefined> {
    const run = this.#queue.then(() => this.#publishNow());
    this.#queue = run.catch(() => undefined);
    return run;
  }

  start(intervalMs: number): void {
    this.#timer = setInterval(() => {
      this.publish().catch((err: unknown) => this.#o.onWitnessError?.('publish', err));
    }, intervalMs);
    this.#timer.unref();
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
  }

  async #publishNow(): Promise<PublishedCheckpoint | undefined> {
    const { check, audit } = this.#o;
    const finding = await check.check('tail');
    if (finding) throw tamperedError(finding);
    const size = check.verifiedSize;
    const rootHash = check.verifiedRoot();
    if (this.#latest && this.#latest.size === size) return this.#latest;
    const started = performance.now();
    const note = await audit.sign(size, rootHash);
    const lines = await Promise.all(this.#slots.map((s) => this.#submit(s, note, size)));
    check.assertIntact();
    const got = lines.filter((l): l is { line: string; name: string } => l !== undefined);
    if (got.length < this.#o.quorum) return undefined;
    const published: PublishedCheckpoint = {
      note: note + got.map((g) => g.line).join(''),
      size,
      rootHash,
      cosignedBy: got.map((g) => g.name),
    };
    this.#latest = published;
    check.addAnchor({ size, rootHash });
    this.#writeState(published.note);
    const seconds = (performance.now() - started) / 1000;
    this.#o.onPublished?.(seconds, size);
    this.onPublished?.(seconds, size);
    return published;
  }

  /** One witness: its cosignature line over `note`, or undefined (unreachable, refused). */
  async #submit(
    slot: WitnessSlot,
    note: string,
    size: number,
  ): Promise<{ line: string; name: string } | undefined> {
    let old = slot.size ?? 0;
    for (let attempt = 0; attempt < 2; attempt++) {
      if (old > size) {
        // The witness holds a larger tree than the log has entries.
        const committed = await this.#o.audit.size();
        if (committed >= old) return undefined; // another process is ahead of this one: not ours to judge
        await this.#tampered(
          size,
          `witness ${slot.cosigner.name} cosigned ${old} entries; the log holds ${committed}`,
        );
        return undefined;
      }
      const proof = old > 0 && old < size ? await this.#o.audit.consistencyProof(old, size) : [];
      const body = formatAddCheckpoint({
        oldSize: old,
        proof: proof.map((p) => decodeBase64(p) as Uint8Array),
        checkpoint: note,
      });
      let res: Response;
      try {
        res = await fetch(`${slot.endpoint.url.replace(/\/$/, '')}/add-checkpoint`, {
          method: 'POST',
          body,
          signal: AbortSignal.timeout(this.#o.timeoutMs ?? 10_000),
        });
      } catch (err) {
        this.#o.onWitnessError?.(slot.endpoint.url, err);
        return undefined;
      }
      const text = await res.text();
      if (res.status === 200) {
        const v = verifyCosignatures(note + text, [slot.cosigner]);
        if (!v.ok || v.cosignedBy.length === 0) {
          this.#o.onWitnessError?.(slot.endpoint.url, new Error('the witness returned no valid cosignature'));
          return undefined;
        }
        slot.size = size;
        const line = text.split('\n').find((l) => l.startsWith(`\u2014 ${slot.cosigner.name} `));
        return line ? { line: `${line}\n`, name: slot.cosigner.name } : undefined;
      }
      if (res.status === 409 && res.headers.get('content-type')?.startsWith('text/x.tlog.size')) {
        const held = Number(text.trim());
        if (!Number.isSafeInteger(held)) return undefined;
        if (held === old) {
          await this.#tampered(
            this.#anchorBelow(size),
            `witness ${slot.cosigner.name} holds another tree of ${held} entries (fork)`,
          );
          return undefined;
        }
        old = held;
        slot.size = held;
        continue;
      }
      if (res.status === 422) {
        await this.#tampered(
          this.#anchorBelow(old),
          `witness ${slot.cosigner.name} refused the log as not extending the ${old} entries it cosigned`,
        );
        return undefined;
      }
      this.#o.onWitnessError?.(slot.endpoint.url, new Error(`witness answered ${res.status}`));
      return undefined;
    }
    return undefined;
  }

  #anchorBelow(size: number): number {
    const l = this.#latest;
    return l && l.size <= size ? l.size : 0;
  }

  async #tampered(firstBadIndex: number, reason: string): Promise<void> {
    await this.#o.check.report(firstBadIndex, reason);
  }

  #readState(): PublishedCheckpoint | undefined {
    const file = this.#o.stateFile;
    if (!file || !existsSync(file)) return undefined;
    const note = readFileSync(file, 'utf8');
    const cp = verifyCheckpoint(note, this.#o.logVerifierKey);
    const cos = verifyCosignatures(note, this.cosigners);
    // A stored note that does not verify (another key, other witnesses) is not an anchor.
    if (!cp.ok || !cos.ok || cos.cosignedBy.length < this.#o.quorum) return undefined;
    return {
      note,
      size: cp.checkpoint.size,
      rootHash: cp.checkpoint.rootHash,
      cosignedBy: cos.cosignedBy.map((c) => c.name),
    };
  }

  #writeState(note: string): void {
    const file = this.#o.stateFile;
    if (!file) return;
    writeFileSync(`${file}.tmp`, note, { mode: 0o600 });
    renameSync(`${file}.tmp`, file);
  }
}

/** Parses STENO_WITNESSES: `URL VERIFIERKEY` pairs separated by commas. */
export function parseWitnessList(text: string): WitnessEndpoint[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map((item) => {
      const [url, verifierKey, ...rest] = item.split(/\s+/);
      if (!url || !verifierKey || rest.length > 0 || !/^https?:\/\//.test(url))
        throw new StenoError(
          'CONFIG_INVALID',
          'STENO_WITNESSES: expected "URL VERIFIERKEY" items separated by commas',
        );
      if (!parseCosignerKey(verifierKey).ok)
        throw new StenoError('CONFIG_INVALID', `STENO_WITNESSES: not a witness verifier key for ${url}`);
      return { url, verifierKey };
    });
}
