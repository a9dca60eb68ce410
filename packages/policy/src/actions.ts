/**
 * The vocabulary the server and the Cedar files share: actions, roles, break-glass reason codes and
 * limits. The schema (cedar/steno.cedarschema) declares the same names; a test keeps them equal.
 */
export const ACTIONS = [
  'events.read',
  'me.access.read',
  'me.export',
  'me.erase',
  'me.consent',
  /** Reading and writing my review of my own tasks (issue 17): keep, drop, a description. */
  'me.review',
  'enrol_tokens.create',
  'devices.list',
  'devices.revoke',
  'scope.read',
  'scope.write',
  'program.pause',
  'program.resume',
  'consent.notice.publish',
  'incidents.open',
  'incidents.read',
  'breakglass.request',
  'breakglass.approve',
  'breakglass.read_events',
  'audit.read',
  'datasets.build',
  'datasets.read',
  'datasets.download',
  'metrics.read',
  'program.status',
  'audit.proof',
  'retention.run',
  'people.invite',
  'tokens.manage',
  'incidents.update',
  'breakglass.list',
] as const;
export type Action = (typeof ACTIONS)[number];

const ACTION_SET: ReadonlySet<string> = new Set(ACTIONS);
export function isAction(value: string): value is Action {
  return ACTION_SET.has(value);
}

export const ROLES = [
  'contributor',
  'privacy_officer',
  'investigator',
  'ml_engineer',
  'training_service',
  'operator',
] as const;
export type Role = (typeof ROLES)[number];

/** The fixed list a break-glass request picks its reason from (free text goes beside it). */
export const BREAKGLASS_REASON_CODES = [
  'security_incident',
  'suspected_misuse',
  'legal_request',
  'data_subject_request',
  'privacy_incident',
] as const;
export type BreakglassReasonCode = (typeof BREAKGLASS_REASON_CODES)[number];

const HOUR_MS = 3_600_000;
/** A grant's lifetime when the request names none. */
export const BREAKGLASS_DEFAULT_TTL_MS = 4 * HOUR_MS;
/** The longest a grant may last; breakglass.cedar states the same number (259200000). */
export const BREAKGLASS_MAX_TTL_MS = 72 * HOUR_MS;

/** The token scope each action needs, whatever the role (cedar/scopes.cedar); null: none. */
export const ACTION_SCOPES: Readonly<Record<Action, string | null>> = {
  'events.read': 'me:read',
  'me.access.read': 'me:read',
  'me.export': 'me:read',
  'me.erase': 'me:read',
  'me.consent': 'me:read',
  'me.review': 'me:read',
  'program.status': null,
  'audit.proof': null,
  'retention.run': null,
  'tokens.manage': null,
  'people.invite': 'program:admin',
  'enrol_tokens.create': 'devices:admin',
  'devices.list': 'devices:admin',
  'devices.revoke': 'devices:admin',
  'scope.read': null,
  'metrics.read': 'program:read',
  'scope.write': 'program:admin',
  'program.pause': 'program:admin',
  'program.resume': 'program:admin',
  'consent.notice.publish': 'program:admin',
  'incidents.open': 'incidents',
  'incidents.read': 'incidents',
  'incidents.update': 'incidents',
  'breakglass.request': 'breakglass',
  'breakglass.list': 'breakglass',
  'breakglass.approve': 'breakglass',
  'breakglass.read_events': 'breakglass',
  'audit.read': 'audit:read',
  'datasets.build': 'datasets:build',
  'datasets.read': 'datasets:read',
  'datasets.download': 'datasets:read',
};
