/**
 * Storage for sessions, keyed by the digest of the session id: a copy of the table does not hold a
 * single usable session. The server implements it in SQL; the memory implementation serves tests.
 */

export interface SessionRecord {
  /** `tokenDigest('session', id)`. */
  idDigest: string;
  subject: string;
  role: string;
  authMethod: 'oidc' | 'local';
  createdAt: number;
  lastSeenAt: number;
  /** Absolute end, whatever the activity. */
  expiresAt: number;
}

export interface SessionStore {
  create(record: SessionRecord): Promise<void>;
  get(idDigest: string): Promise<SessionRecord | undefined>;
  touch(idDigest: string, lastSeenAt: number): Promise<void>;
  delete(idDigest: string): Promise<void>;
  /** Sign a person out everywhere (role change, erasure, leaver). */
  deleteForSubject(subject: string): Promise<void>;
}

export function createMemorySessionStore(): SessionStore {
  const sessions = new Map<string, SessionRecord>();
  return {
    async create(record) {
      sessions.set(record.idDigest, { ...record });
    },
    async get(idDigest) {
      const s = sessions.get(idDigest);
      return s === undefined ? undefined : { ...s };
    },
    async touch(idDigest, lastSeenAt) {
      const s = sessions.get(idDigest);
      if (s !== undefined) s.lastSeenAt = lastSeenAt;
    },
    async delete(idDigest) {
      sessions.delete(idDigest);
    },
    async deleteForSubject(subject) {
      for (const [k, s] of sessions) if (s.subject === subject) sessions.delete(k);
    },
  };
}
