/**
 * Principals, grants and resources shared by this package's tests and the guard-decision bench.
 * Times are epoch milliseconds around a fixed instant, so tests never depend on the clock.
 */

import type { GrantInfo, Principal } from './access-types.ts';
import { ACTION_SCOPES, type Role } from './actions.ts';

export const NOW = 1_800_000_000_000;
export const HOUR = 3_600_000;
export const ALL_SCOPES: readonly string[] = [
  ...new Set(Object.values(ACTION_SCOPES).filter((s): s is string => s !== null)),
];

/** A principal of `role` holding every scope, so that only the role and ownership decide. */
export function principalOf(role: Role, overrides: Partial<Principal> = {}): Principal {
  const id = role === 'training_service' ? 'service:trainer' : `person:${role}`;
  return {
    id,
    role,
    scopes: ALL_SCOPES,
    tokenId: `tok-${role}`,
    ...(role === 'contributor' ? { subject: 's-own' } : {}),
    ...overrides,
  };
}

/** A grant for investigator "person:investigator" over s-other, approved twice, valid around NOW. */
export function approvedGrant(overrides: Partial<GrantInfo> = {}): GrantInfo {
  return {
    id: 'grant-1',
    requester: 'person:investigator',
    approvers: ['person:po-1', 'person:po-2'],
    subjects: ['s-other'],
    reasonCode: 'security_incident',
    notBefore: NOW - HOUR,
    expiresAt: NOW + 3 * HOUR,
    windowFrom: NOW - 48 * HOUR,
    windowTo: NOW,
    readOnly: true,
    ...overrides,
  };
}
