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
import { StenoError } from '../errors.ts';
import { listChunks } from '../store/batches-repo.ts';
import type { SqlClient } from '../store/sql-client.ts';
import type { AccessPolicy } from './access-policy.ts';

export interface EventReadRequest {
  subject: string;
  from: number;
  to: number;
  /** Most chunks (batch-month pieces) to read in one call. */
  limit: number;
}

export interface StoredEvent {
  batchId: string;
  deviceId: string;
  event: StenoEvent;
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
  ): Promise<GuardResult<{ events: StoredEvent[]; shredded: number }>> {
    const { policy, audit, db, keys, now } = this.#deps;
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
      throw new StenoError('AUDIT_UNAVAILABLE', 'the audit log could not record the access', { cause });
    }
    if (!decision.allow) return { ok: false, code: 'FORBIDDEN', reason: decision.reason };

    const chunks = await listChunks(db, req.subject, { from: req.from, to: req.to }, req.limit);
    const events: StoredEvent[] = [];
    let shredded = 0;
    for (const c of chunks) {
      const key = await keys.get(c.subjectId, c.month, c.keyId);
      const plain = key
        ? openEventPayload(key, c.payload, {
            subject: c.subjectId,
            deviceId: c.deviceId,
            batchId: c.batchId,
            month: c.month,
          })
        : undefined;
      if (!plain) {
        shredded++;
        continue;
      }
      for (const event of decodeEvents(plain)) {
        if (event.t >= req.from && event.t <= req.to)
          events.push({ batchId: c.batchId, deviceId: c.deviceId, event });
      }
    }
    return { ok: true, value: { events, shredded } };
  }
}
