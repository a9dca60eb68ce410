/**
 * Capture leases: short-lived, server-signed permissions to capture, carrying the scope and its
 * version. No lease, no capture. A paused lease carries the reason and forbids capture. Every
 * lease is recorded before it is handed out: ingest accepts only events that a recorded lease of
 * the same device covers (issue 15).
 */

import type { KeyObject } from 'node:crypto';
import { randomBytes, sign } from 'node:crypto';
import { type CaptureLease, canonicalJson, type SignedLease, signCanonical } from '@steno/protocol';
import type { SqlClient } from '../store/sql-client.ts';
import type { DeviceRow } from '../store/subjects-repo.ts';
import { currentScope, type VersionedScope } from './capture-scope.ts';
import { LeaseSigner } from './lease-signer.ts';

/** A lease issued in a broadcast, with its JSON text for the wire. */
export interface IssuedLease {
  signed: SignedLease;
  json: string;
}

/** Stands in for the scope while a lease is serialised (no lease field can hold a NUL). */
const SCOPE_MARK = '\u0000steno-scope\u0000';
/** The marker as JSON and JCS write it. */
const MARK_JSON = JSON.stringify(SCOPE_MARK);
/** Stands in for the signature in a lease's wire text until it is signed. */
const SIG_MARK = '\u0000steno-sig\u0000';
const SIG_MARK_JSON = JSON.stringify(SIG_MARK);
/** Broadcasts to this many devices or more sign on worker threads. */
const PARALLEL_FROM = 1_000;

/** Whether `marker` occurs in `text` exactly once. */
function once(text: string, marker: string): boolean {
  const at = text.indexOf(marker);
  return at >= 0 && text.indexOf(marker, at + 1) < 0;
}

function replaceLast(text: string, marker: string, by: string): string {
  const at = text.lastIndexOf(marker);
  return at < 0 ? text : text.slice(0, at) + by + text.slice(at + marker.length);
}

function signHere(texts: readonly string[], key: KeyObject): string[] {
  return texts.map((t) => sign(null, Buffer.from(t, 'utf8'), key).toString('base64url'));
}

export interface LeaseIssuerDeps {
  db: SqlClient;
  signingKey: KeyObject;
  ttlMs: number;
  now: () => number;
  /** Why capture must be paused for this device now, if it must (kill switch, consent). */
  pausedReason?: (device: DeviceRow) => Promise<string | undefined>;
  /** The same for many devices at once, read in one go (broadcasts). */
  pausedSnapshot?: () => Promise<(device: DeviceRow) => string | undefined>;
}

export class LeaseIssuer {
  readonly #deps: LeaseIssuerDeps;
  #signer: LeaseSigner | undefined;
  constructor(deps: LeaseIssuerDeps) {
    this.#deps = deps;
  }

  async issue(device: DeviceRow): Promise<SignedLease> {
    // A lease's time is taken before the state it reflects is read: a lease issued after a
    // program-pause notice has necessarily seen the pause (the agent lets only such a lease lift it).
    const asOf = this.#deps.now();
    const scope = await currentScope(this.#deps.db);
    const signed = this.#sign(device, scope, await this.#deps.pausedReason?.(device), asOf);
    await this.#record([signed]);
    return signed;
  }

  /**
   * Leases for many devices (a broadcast), `size` at a time, each with its JSON text for the wire:
   * one read of the scope and the pauses for all of them; each slice is signed and recorded before
   * it is yielded (so it can be handed out), and the next is signed while the caller writes this
   * one. The scope, the same in every lease, is serialised once (for the signature's canonical
   * bytes and for the text), not once per device (issue 19: 10,000 agents). Every lease is issued
   * as of the instant before that read, as in `issue`.
   */
  async *issueMany(devices: readonly DeviceRow[], size = 500): AsyncGenerator<IssuedLease[]> {
    const asOf = this.#deps.now();
    const scope = await currentScope(this.#deps.db);
    const reasonOf = this.#deps.pausedSnapshot ? await this.#deps.pausedSnapshot() : undefined;
    const shared = { canonical: canonicalJson(scope.scope), json: JSON.stringify(scope.scope) };
    // Thousands of devices: sign on worker threads, the next slice while this one is recorded
    // and written.
    if (devices.length >= PARALLEL_FROM) this.#signer ??= new LeaseSigner(this.#deps.signingKey);
    const signer = devices.length >= PARALLEL_FROM ? this.#signer : undefined;
    const start = async (slice: readonly DeviceRow[]) => {
      // The slice's lease ids from one draw of the random source, not one call per device.
      const random = randomBytes(12 * slice.length);
      const drafts = [];
      for (const [k, d] of slice.entries()) {
        const leaseId = `ls_${random.subarray(12 * k, 12 * k + 12).toString('base64url')}`;
        const reason = reasonOf ? reasonOf(d) : await this.#deps.pausedReason?.(d);
        drafts.push(this.#draft(d, scope, reason, shared, asOf, leaseId));
      }
      const texts = drafts.map((x) => `steno-lease-v1\n${x.canonical}`);
      return {
        drafts,
        sigs: signer ? signer.sign(texts) : Promise.resolve(signHere(texts, this.#deps.signingKey)),
      };
    };
    let next = devices.length > 0 ? await start(devices.slice(0, size)) : undefined;
    for (let i = 0; next; i += size) {
      const current = next;
      next = i + size < devices.length ? await start(devices.slice(i + size, i + 2 * size)) : undefined;
      const sigs = await current.sigs;
      const out = current.drafts.map(
        (x, k): IssuedLease => ({
          signed: { v: 1, lease: x.lease, sig: sigs[k] as string },
          // The signature is the text's last field: its marker is the last one.
          json: replaceLast(x.json, SIG_MARK_JSON, JSON.stringify(sigs[k])),
        }),
      );
      await this.#record(out.map((o) => o.signed));
      yield out;
    }
  }

  /** Signatures made on worker threads so far (tests, diagnostics). */
  get signedOnThreads(): number {
    return this.#signer?.signedOnThreads ?? 0;
  }

  /** Stops the signing threads, if a broadcast started them. */
  async close(): Promise<void> {
    await this.#signer?.close();
    this.#signer = undefined;
  }

  /** Records issued leases in one statement (a broadcast to thousands of agents is one insert). */
  async #record(leases: readonly SignedLease[]): Promise<void> {
    if (leases.length === 0) return;
    const col = <T>(f: (l: SignedLease['lease']) => T): T[] => leases.map((s) => f(s.lease));
    await this.#deps.db.query(
      `INSERT INTO capture_leases (lease_id, device_id, subject_id, issued_at, expires_at, policy_version, state)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[], $5::bigint[], $6::int[], $7::text[])`,
      [
        col((l) => l.leaseId),
        col((l) => l.deviceId),
        col((l) => l.subject),
        col((l) => l.issuedAt),
        col((l) => l.expiresAt),
        col((l) => l.policyVersion),
        col((l) => l.state),
      ],
    );
  }

  /**
   * A lease with the scope serialised beforehand, ready to sign: the lease is serialised with a
   * marker in the scope's place, and the marker replaced by the scope's text. The canonical text
   * is exactly the lease's canonical JSON (JCS sorts keys; the marker sits where the scope does),
   * and the wire text waits for its signature in the signature's place; tested.
   */
  #draft(
    device: DeviceRow,
    scope: VersionedScope,
    reason: string | undefined,
    shared: { canonical: string; json: string },
    issuedAt: number,
    leaseId: string,
  ): { lease: CaptureLease; canonical: string; json: string } {
    const lease = this.#lease(device, scope, reason, issuedAt, leaseId);
    const marked = { ...lease, scope: SCOPE_MARK as unknown as CaptureLease['scope'] };
    const canonical = canonicalJson(marked);
    const json = JSON.stringify({ v: 1, lease: marked, sig: SIG_MARK });
    // A marker must stand only where it was put: should a reason ever hold one, serialise whole.
    if (!once(canonical, MARK_JSON) || !once(json, MARK_JSON) || !once(json, SIG_MARK_JSON))
      return {
        lease,
        canonical: canonicalJson(lease),
        json: JSON.stringify({ v: 1, lease, sig: SIG_MARK }),
      };
    return {
      lease,
      canonical: canonical.replace(MARK_JSON, () => shared.canonical),
      json: json.replace(MARK_JSON, () => shared.json),
    };
  }

  #sign(device: DeviceRow, scope: VersionedScope, reason: string | undefined, issuedAt: number): SignedLease {
    const lease = this.#lease(device, scope, reason, issuedAt);
    return { v: 1, lease, sig: signCanonical('steno-lease-v1', lease, this.#deps.signingKey) };
  }

  #lease(
    device: DeviceRow,
    scope: VersionedScope,
    reason: string | undefined,
    issuedAt: number,
    leaseId = `ls_${randomBytes(12).toString('base64url')}`,
  ): CaptureLease {
    const { ttlMs } = this.#deps;
    const lease: CaptureLease = {
      v: 1,
      leaseId,
      deviceId: device.id,
      subject: device.subjectId,
      issuedAt,
      expiresAt: issuedAt + ttlMs,
      policyVersion: scope.version,
      state: reason ? 'paused' : 'active',
      ...(reason ? { reason } : {}),
      scope: scope.scope,
    };
    return lease;
  }
}
