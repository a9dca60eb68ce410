/** Who is asking: every request is made by a principal with one role; devices are principals too. */
export const ROLES = [
  'contributor',
  'privacy_officer',
  'investigator',
  'ml_engineer',
  'training_service',
  'operator',
] as const;
export type Role = (typeof ROLES)[number];

export interface Principal {
  /** Stable principal id, e.g. "person:alice" or "service:trainer". */
  id: string;
  role: Role;
  /** The subject this principal is, for contributors. */
  subject?: string;
  scopes: readonly string[];
  /** The credential used, for the audit log. */
  tokenId: string;
}
