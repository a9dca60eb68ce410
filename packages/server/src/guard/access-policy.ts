/**
 * Authorisation decisions: default deny, with the reason returned. Every HTTP route declares its
 * action and resource, and every read of event data asks again inside the guard. The walking
 * skeleton's policy is a small role table; the access issue replaces it with Cedar policies
 * behind this same interface.
 */
import type { Principal, Role } from '../auth/principal.ts';

export const ACTIONS = [
  'events.read',
  'me.access.read',
  'enrol_tokens.create',
  'devices.list',
  'devices.revoke',
  'audit.read',
  'audit.proof',
  'scope.read',
  'scope.write',
  'program.status',
  'program.pause',
  'program.resume',
  'retention.run',
  'me.erase',
] as const;
export type Action = (typeof ACTIONS)[number];

export interface ResourceRef {
  type: 'subject_events' | 'subject' | 'program' | 'device';
  subject?: string;
  id?: string;
}

export type Decision = { allow: true; reason: string } | { allow: false; reason: string };

export interface AccessPolicy {
  authorize(principal: Principal, action: Action, resource: ResourceRef): Decision;
}

/** Which roles may attempt an action at all; ownership is checked separately. */
const ROLE_TABLE: Record<Action, { roles: readonly Role[]; scope: string; ownSubjectOnly: boolean }> = {
  'events.read': { roles: ['contributor'], scope: 'me:read', ownSubjectOnly: true },
  'me.access.read': { roles: ['contributor'], scope: 'me:read', ownSubjectOnly: true },
  'enrol_tokens.create': { roles: ['operator'], scope: 'devices:admin', ownSubjectOnly: false },
  'devices.list': { roles: ['operator'], scope: 'devices:admin', ownSubjectOnly: false },
  'devices.revoke': { roles: ['operator'], scope: 'devices:admin', ownSubjectOnly: false },
  'audit.read': {
    roles: ['privacy_officer', 'operator', 'investigator'],
    scope: 'audit:read',
    ownSubjectOnly: false,
  },
  // Everyone in the program may see what is captured; only privacy officers change it.
  'scope.read': {
    roles: ['contributor', 'privacy_officer', 'investigator', 'ml_engineer', 'training_service', 'operator'],
    scope: '',
    ownSubjectOnly: false,
  },
  'scope.write': { roles: ['privacy_officer'], scope: 'program:admin', ownSubjectOnly: false },
  'program.status': {
    roles: ['contributor', 'privacy_officer', 'investigator', 'ml_engineer', 'training_service', 'operator'],
    scope: '',
    ownSubjectOnly: false,
  },
  'program.pause': { roles: ['privacy_officer'], scope: 'program:admin', ownSubjectOnly: false },
  'program.resume': { roles: ['privacy_officer'], scope: 'program:admin', ownSubjectOnly: false },
  'retention.run': { roles: ['privacy_officer', 'operator'], scope: '', ownSubjectOnly: false },
  'me.erase': { roles: ['contributor'], scope: 'me:read', ownSubjectOnly: true },
  // Proofs reveal only hashes: anyone signed in may check that an entry is in the log.
  'audit.proof': {
    roles: ['contributor', 'privacy_officer', 'investigator', 'ml_engineer', 'training_service', 'operator'],
    scope: '',
    ownSubjectOnly: false,
  },
};

export const roleTablePolicy: AccessPolicy = {
  authorize(principal, action, resource) {
    const rule = ROLE_TABLE[action];
    if (!rule) return { allow: false, reason: 'unknown_action' };
    if (!rule.roles.includes(principal.role)) return { allow: false, reason: 'role_not_permitted' };
    if (rule.scope && !principal.scopes.includes(rule.scope))
      return { allow: false, reason: 'missing_scope' };
    if (rule.ownSubjectOnly && (principal.subject === undefined || principal.subject !== resource.subject)) {
      return { allow: false, reason: 'not_own_data' };
    }
    return { allow: true, reason: rule.ownSubjectOnly ? 'own_data' : 'role_permitted' };
  },
};
