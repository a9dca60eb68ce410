/**
 * The one guarded path to captured data: authorise → append to the audit log → decrypt.
 * If the audit append fails, the read fails. This is the only module that may open event
 * payloads (an architecture test enforces it).
 */

import type { GrantInfo } from '@steno/policy';
import type { StenoEvent } from '@steno/protocol';
import type { AuditLog } from '../audit/audit-log.ts';
import type { Principal } from '../auth/principal.ts';
import { openEventPayload } from '../crypto/event-envelope.ts';
import type { KeyStore } from '../crypto/key-store.ts';
import { decodeEvents } from '../crypto/payload-codec.ts';
import { openReviewText, sealReviewText } from '../crypto/review-envelope.ts';
import { StenoError } from '../errors.ts';
import {
  type ChunkPosition,
  type ChunkRow,
  chunksByIds,
  listChunkIds,
  listChunks,
  listChunksFrom,
} from '../store/batches-repo.ts';
import type { SqlClient } from '../store/sql-client.ts';
import { listTaskReviews, putTaskReview, type TaskReviewRow } from '../store/task-reviews-repo.ts';
import type { AccessPolicy, ResourceRef } from './access-policy.ts';

export interface EventReadRequest {
  subject: string;
  from: number;
  to: number;
  /** Most chunks (batch-month pieces) to read in one call (without `page`). */
  limit: number;
  /**
   * Cursor pagination (issue 20): at most `maxEvents` events, from `cursor` on. The result then
   * carries `nextCursor` (null on the last page). Each page is its own audited read.
   */
  page?: { cursor?: EventCursor | undefined; maxEvents: number };
}

/** A place in a subject's events: a chunk's position and how many of its window's events were read. */
export interface EventCursor extends ChunkPosition {
  skip: number;
}

export interface StoredEvent {
  batchId: string;
  deviceId: string;
  event: StenoEvent;
}

/** A contributor's review of one task they marked (issue 17), as it is read back. */
export interface TaskReview {
  taskId: string;
  decision: 'keep' | 'drop';
  /** In the contributor's words, already filtered; null when none was written or its key was destroyed. */
  description: string | null;
  reviewedAt: number;
}

export type GuardResult<T> = { ok: true; value: T } | { ok: false; code: 'FORBIDDEN'; reason: string };

export interface GuardDeps {
  /** While the program is paused globally, event data is frozen (incident investigations aside). */
  paused?: () => Promise<boolean>;
  db: SqlClient;
  keys: KeyStore;
  audit: AuditLog;
  policy: AccessPolicy;
  now: () => number;
  /** Counts decisions by action and outcome (aggregates only). */
  onDecision?: (action: string, allow: boolean) => void;
}

export class Guard {
  readonly #deps: GuardDeps;
  constructor(deps: GuardDeps) {
    this.#deps = deps;
  }

  /**
   * Reads one subject's events. Without a grant this is `events.read` (a contributor's own data);
   * with one it is `breakglass.read_events`, and the grant is named in the audit entry, which the
   * subject sees on their access page.
   */
  async readEvents(
    principal: Principal,
    req: EventReadRequest,
    via?: { grant: GrantInfo; incidentOpen?: boolean },
  ): Promise<GuardResult<{ events: StoredEvent[]; shredded: number; nextCursor?: EventCursor | null }>> {
    const { policy, audit, now } = this.#deps;
    const resource = { type: 'subject_events', subject: req.subject } as const;
    const action = via ? ('breakglass.read_events' as const) : ('events.read' as const);
    const byPolicy = policy.authorize(principal, action, resource, {
      readFrom: req.from,
      readTo: req.to,
      ...(via ? { grant: via.grant, incidentOpen: via.incidentOpen === true } : {}),
    });
    // The policy's view of the pause may lag another process's: ask the store too (fail closed).
    // An open incident's investigation reads on through a pause (the policy already knows).
    const decision =
      byPolicy.allow && via?.incidentOpen !== true && (await this.#deps.paused?.())
        ? { allow: false as const, reason: 'program_paused' }
        : byPolicy;
    this.#deps.onDecision?.(action, decision.allow);
    try {
      await audit.append({
        at: now(),
        actor: { id: principal.id, role: principal.role, tokenId: principal.tokenId },
        action,
        resource,
        decision: decision.allow ? 'allow' : 'deny',
        reason: decision.reason,
        details: {
          from: req.from,
          to: req.to,
          ...(via ? { grant: via.grant.id } : {}),
          ...(via?.incidentOpen ? { incident: true } : {}),
        },
      });
    } catch (cause) {
      if (cause instanceof StenoError && cause.code === 'AUDIT_TAMPERED') throw cause;
      throw new StenoError('AUDIT_UNAVAILABLE', 'the audit log could not record the access', { cause });
    }
    if (!decision.allow) return { ok: false, code: 'FORBIDDEN', reason: decision.reason };
    if (req.page)
      return { ok: true, value: await this.#decryptPage(req, req.page.cursor, req.page.maxEvents) };
    return { ok: true, value: await this.#decrypt(req) };
  }

  /** One page of at most `max` events from `cursor` on, and where the next page starts. */
  async #decryptPage(
    req: EventReadRequest,
    cursor: EventCursor | undefined,
    max: number,
  ): Promise<{ events: StoredEvent[]; shredded: number; nextCursor: EventCursor | null }> {
    const events: StoredEvent[] = [];
    let shredded = 0;
    let at: EventCursor | undefined = cursor;
    for (;;) {
      const chunks = await listChunksFrom(this.#deps.db, req.subject, req, at, 100);
      if (chunks.length === 0) return { events, shredded, nextCursor: null };
      for (const c of chunks) {
        // The chunk a cursor points into: go on from its `skip`-th event (or past it, when done).
        const skip = at && samePlace(at, c) ? at.skip : 0;
        const opened = await this.#open(c);
        if (!opened) {
          if (skip === 0) shredded++;
          at = { ...placeOf(c), skip: Number.MAX_SAFE_INTEGER };
          continue;
        }
        const inWindow = opened.filter((e) => e.t >= req.from && e.t <= req.to);
        for (let i = skip; i < inWindow.length; i++) {
          if (events.length === max) return { events, shredded, nextCursor: { ...placeOf(c), skip: i } };
          events.push({ batchId: c.batchId, deviceId: c.deviceId, event: inWindow[i] as StenoEvent });
        }
        at = { ...placeOf(c), skip: Number.MAX_SAFE_INTEGER };
      }
      if (chunks.length < 100) return { events, shredded, nextCursor: null };
      // The next query starts at the last chunk read (inclusive), which is then skipped whole.
    }
  }

  /**
   * My reviews of my tasks (`me.review`): authorised, audited, then the descriptions opened with
   * my data keys. A description whose key retention or erasure destroyed reads as null.
   */
  async readReviews(principal: Principal, subject: string): Promise<GuardResult<TaskReview[]>> {
    const denied = await this.#decide(principal, 'me.review', { type: 'subject', subject }, { op: 'read' });
    if (denied) return denied;
    return { ok: true, value: await this.#openReviews(subject) };
  }

  /**
   * Stores my review of one task (`me.review`, audited with the task id and decision, never the
   * description). The caller has filtered the description; it is sealed under my data key of the
   * current month, so erasure and retention shred it with the rest of my data.
   */
  async writeReview(
    principal: Principal,
    subject: string,
    review: { taskId: string; decision: 'keep' | 'drop'; description: string | null },
  ): Promise<GuardResult<TaskReview>> {
    const denied = await this.#decide(
      principal,
      'me.review',
      { type: 'subject', subject },
      { op: 'write', taskId: review.taskId, decision: review.decision },
    );
    if (denied) return denied;
    const at = this.#deps.now();
    let sealed: TaskReviewRow['sealed'] = null;
    if (review.description !== null) {
      const month = new Date(at).toISOString().slice(0, 7);
      const key = await this.#deps.keys.getOrCreate(subject, month);
      sealed = {
        month,
        keyId: key.keyId,
        ciphertext: sealReviewText(key.key, review.description, { subject, taskId: review.taskId, month }),
      };
    }
    await putTaskReview(this.#deps.db, subject, {
      taskId: review.taskId,
      decision: review.decision,
      sealed,
      reviewedAt: at,
    });
    return {
      ok: true,
      value: {
        taskId: review.taskId,
        decision: review.decision,
        description: review.description,
        reviewedAt: at,
      },
    };
  }

  async #openReviews(subject: string): Promise<TaskReview[]> {
    const out: TaskReview[] = [];
    for (const r of await listTaskReviews(this.#deps.db, subject)) {
      let description: string | null = null;
      if (r.sealed) {
        const key = await this.#deps.keys.get(subject, r.sealed.month, r.sealed.keyId);
        description =
          (key &&
            openReviewText(key, r.sealed.ciphertext, { subject, taskId: r.taskId, month: r.sealed.month })) ??
          null;
      }
      out.push({ taskId: r.taskId, decision: r.decision, description, reviewedAt: r.reviewedAt });
    }
    return out;
  }

  /** One decision on a subject's own data and its audit entry (fail closed); the refusal, if any. */
  async #decide(
    principal: Principal,
    action: 'me.review',
    resource: ResourceRef,
    details: Record<string, string>,
  ): Promise<{ ok: false; code: 'FORBIDDEN'; reason: string } | undefined> {
    const { policy, audit, now } = this.#deps;
    const byPolicy = policy.authorize(principal, action, resource);
    const decision =
      byPolicy.allow && (await this.#deps.paused?.())
        ? { allow: false as const, reason: 'program_paused' }
        : byPolicy;
    this.#deps.onDecision?.(action, decision.allow);
    try {
      await audit.append({
        at: now(),
        actor: { id: principal.id, role: principal.role, tokenId: principal.tokenId },
        action,
        resource,
        decision: decision.allow ? 'allow' : 'deny',
        reason: decision.reason,
        details,
      });
    } catch (cause) {
      if (cause instanceof StenoError && cause.code === 'AUDIT_TAMPERED') throw cause;
      throw new StenoError('AUDIT_UNAVAILABLE', 'the audit log could not record the access', { cause });
    }
    return decision.allow ? undefined : { ok: false, code: 'FORBIDDEN', reason: decision.reason };
  }

  /**
   * A dataset build (`datasets.build`): one decision and one audit entry for the build, naming
   * every subject it reads — each subject then sees the build on their access page — and a reader
   * of those subjects' events in the window, page by page. Subjects not named cannot be read.
   */
  async openForDataset(
    principal: Principal,
    req: { datasetId: string; subjects: readonly string[]; from: number; to: number },
  ): Promise<
    GuardResult<{
      read: (subject: string) => AsyncIterable<StenoEvent[]>;
      /** The subject's task reviews (issue 17): a dropped task never enters the dataset. */
      reviews: (subject: string) => Promise<TaskReview[]>;
    }>
  > {
    const { policy, audit, now } = this.#deps;
    const resource = { type: 'dataset', id: req.datasetId } as const;
    const byPolicy = policy.authorize(principal, 'datasets.build', resource, {
      readFrom: req.from,
      readTo: req.to,
    });
    const decision =
      byPolicy.allow && (await this.#deps.paused?.())
        ? { allow: false as const, reason: 'program_paused' }
        : byPolicy;
    this.#deps.onDecision?.('datasets.build', decision.allow);
    try {
      await audit.append({
        at: now(),
        actor: { id: principal.id, role: principal.role, tokenId: principal.tokenId },
        action: 'datasets.build',
        resource,
        decision: decision.allow ? 'allow' : 'deny',
        reason: decision.reason,
        details: { from: req.from, to: req.to, subjects: [...req.subjects] },
      });
    } catch (cause) {
      if (cause instanceof StenoError && cause.code === 'AUDIT_TAMPERED') throw cause;
      throw new StenoError('AUDIT_UNAVAILABLE', 'the audit log could not record the access', { cause });
    }
    if (!decision.allow) return { ok: false, code: 'FORBIDDEN', reason: decision.reason };
    const named = new Set(req.subjects);
    return {
      ok: true,
      value: {
        read: (subject) => {
          if (!named.has(subject)) throw new StenoError('FORBIDDEN', 'this build did not name that subject');
          return this.#pages(subject, req.from, req.to);
        },
        reviews: (subject) => {
          if (!named.has(subject)) throw new StenoError('FORBIDDEN', 'this build did not name that subject');
          return this.#openReviews(subject);
        },
      },
    };
  }

  /** A subject's events in the window, 100 chunks at a time, in time order. */
  async *#pages(subject: string, from: number, to: number): AsyncIterable<StenoEvent[]> {
    const ids = await listChunkIds(this.#deps.db, subject, { from, to });
    for (let i = 0; i < ids.length; i += 100) {
      const chunks = await chunksByIds(this.#deps.db, subject, ids.slice(i, i + 100));
      const events: StenoEvent[] = [];
      for (const c of chunks)
        for (const e of (await this.#open(c)) ?? []) if (e.t >= from && e.t <= to) events.push(e);
      yield events;
    }
  }

  /** The chunk's events, or undefined when its key was destroyed (shredded). */
  async #open(c: ChunkRow): Promise<StenoEvent[] | undefined> {
    const key = await this.#deps.keys.get(c.subjectId, c.month, c.keyId);
    const plain = key
      ? openEventPayload(key, c.payload, {
          subject: c.subjectId,
          deviceId: c.deviceId,
          batchId: c.batchId,
          month: c.month,
        })
      : undefined;
    return plain ? decodeEvents(plain) : undefined;
  }

  async #decrypt(req: EventReadRequest): Promise<{ events: StoredEvent[]; shredded: number }> {
    const chunks = await listChunks(this.#deps.db, req.subject, { from: req.from, to: req.to }, req.limit);
    const events: StoredEvent[] = [];
    let shredded = 0;
    for (const c of chunks) {
      const opened = await this.#open(c);
      if (!opened) {
        shredded++;
        continue;
      }
      for (const event of opened) {
        if (event.t >= req.from && event.t <= req.to)
          events.push({ batchId: c.batchId, deviceId: c.deviceId, event });
      }
    }
    return { events, shredded };
  }
}

function placeOf(c: ChunkRow): ChunkPosition {
  return { lastT: c.lastT, firstT: c.firstT, batchId: c.batchId, month: c.month };
}

function samePlace(a: ChunkPosition, c: ChunkRow): boolean {
  return a.lastT === c.lastT && a.firstT === c.firstT && a.batchId === c.batchId && a.month === c.month;
}
