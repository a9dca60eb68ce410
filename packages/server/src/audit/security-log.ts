/**
 * Security entries (issue 15): refusals that are not policy decisions — a device signing for
 * another subject or with another device's id, a batch captured without permission, a revoked
 * token, a cross-subject query trick, a browser request failing its Origin or CSRF check, a
 * refused dataset purpose — go into the same tamper-evident audit log as every decision, with
 * `decision: deny`, the stable code as the reason and, where one is named or targeted, the subject
 * as the resource, so that person sees the attempt on their own access page.
 *
 * Bounded so a flood cannot fill the disk: at most `perKey` entries per (actor, code, subject) and
 * `total` entries overall in each minute; what is over the limit is counted and written as one
 * `security.suppressed` entry when the minute is over. Never content: codes, ids and counts only.
 * A refusal stays a refusal when the audit log cannot take the entry (the request was already
 * refused; the failure is logged).
 */
import type { ErrorCode } from '@steno/protocol';
import type { AuditLog } from './audit-log.ts';

export interface SecurityRefusal {
  actor: { id: string; role: string; tokenId?: string | undefined };
  /** What was attempted: `ingest.batch`, `http.query`, `auth.token`, `datasets.build`, ... */
  action: string;
  code: ErrorCode;
  /** The person the attempt named or targeted, when there is one. */
  subject?: string | undefined;
  /** An id of what was targeted (device, batch, route), never content. */
  id?: string | undefined;
}

export interface SecurityLogOptions {
  perKey?: number;
  total?: number;
  onError?: (err: unknown) => void;
}

const WINDOW_MS = 60_000;

export class SecurityLog {
  readonly #audit: AuditLog;
  readonly #now: () => number;
  readonly #perKey: number;
  readonly #total: number;
  readonly #onError: (err: unknown) => void;
  #window = -1;
  #counts = new Map<string, number>();
  #written = 0;
  #suppressed = 0;

  constructor(audit: AuditLog, now: () => number, options: SecurityLogOptions = {}) {
    this.#audit = audit;
    this.#now = now;
    this.#perKey = options.perKey ?? 20;
    this.#total = options.total ?? 1_000;
    this.#onError = options.onError ?? (() => {});
  }

  /** Records one refusal (or counts it, over the limits). Never throws. */
  async refused(r: SecurityRefusal): Promise<void> {
    const now = this.#now();
    const window = Math.floor(now / WINDOW_MS);
    if (window !== this.#window) await this.#roll(window, now);
    const key = `${r.actor.id}|${r.code}|${r.subject ?? ''}`;
    const n = (this.#counts.get(key) ?? 0) + 1;
    this.#counts.set(key, n);
    if (n > this.#perKey || this.#written >= this.#total) {
      this.#suppressed++;
      return;
    }
    this.#written++;
    await this.#append({
      at: now,
      actor: r.actor.tokenId ? r.actor : { id: r.actor.id, role: r.actor.role },
      action: `security.${r.action}`,
      resource: {
        type: r.subject ? 'subject' : 'program',
        ...(r.subject ? { subject: r.subject } : {}),
        ...(r.id ? { id: r.id } : {}),
      },
      decision: 'deny',
      reason: r.code,
    });
  }

  async #roll(window: number, now: number): Promise<void> {
    const suppressed = this.#suppressed;
    this.#window = window;
    this.#counts = new Map();
    this.#written = 0;
    this.#suppressed = 0;
    if (suppressed > 0)
      await this.#append({
        at: now,
        actor: { id: 'steno:security-log', role: 'system' },
        action: 'security.suppressed',
        resource: { type: 'program' },
        decision: 'deny',
        reason: 'RATE_LIMITED',
        details: { suppressed },
      });
  }

  async #append(entry: Parameters<AuditLog['append']>[0]): Promise<void> {
    try {
      await this.#audit.append(entry);
    } catch (err) {
      this.#onError(err);
    }
  }
}
