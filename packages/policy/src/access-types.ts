/**
 * The request side of the engine: who asks (the server's Principal), about what (ResourceRef), in
 * which circumstances (AccessContext), and the answer (Decision). Plain data, no Cedar types.
 */
import type { Action, BreakglassReasonCode, Role } from './actions.ts';

export interface Principal {
  /** Stable principal id, e.g. "person:alice" or "service:trainer". */
  id: string;
  role: Role;
  /** The subject this principal is, for contributors. */
  subject?: string;
  scopes: readonly string[];
  /** The credential used, for the audit log (not used in decisions). */
  tokenId: string;
}

export type ResourceType =
  | 'subject_events'
  | 'subject'
  | 'program'
  | 'device'
  | 'grant'
  | 'dataset'
  | 'incident';

export interface ResourceRef {
  type: ResourceType;
  /** The subject the data belongs to: required for subject_events and subject; optional for device. */
  subject?: string;
  /** device, dataset, incident and grant ids; program defaults to the one program. */
  id?: string;
}

/** A break-glass request or grant, as the server stores it. Times are epoch milliseconds. */
export interface GrantInfo {
  id: string;
  /** Principal id of the investigator who asked. */
  requester: string;
  /** Principal ids of everyone who approved, in the order they approved. */
  approvers: readonly string[];
  subjects: readonly string[];
  reasonCode: BreakglassReasonCode;
  /** The grant is valid from notBefore (inclusive) to expiresAt (exclusive). */
  notBefore: number;
  expiresAt: number;
  /** The span of event time the grant covers (inclusive). */
  windowFrom: number;
  windowTo: number;
  readOnly: boolean;
}

/**
 * What the decision needs beyond principal and resource. The time is not here on purpose: it comes
 * from the engine's clock only, so no caller can move it to revive an expired grant.
 */
export interface AccessContext {
  /** Treat the program as paused for this decision (can add a pause, never lift the engine's). */
  programPaused?: boolean;
  /** An incident investigation is open (lifts the pause freeze on event reads). Default false. */
  incidentOpen?: boolean;
  /** breakglass.read_events: the grant used; breakglass.request/approve: the grant acted on. */
  grant?: GrantInfo;
  /** events.read / breakglass.read_events: the event-time span asked for (epoch ms, inclusive). */
  readFrom?: number;
  readTo?: number;
}

export type Decision = { allow: true; reason: string } | { allow: false; reason: string };

export interface AccessPolicy {
  authorize(principal: Principal, action: Action, resource: ResourceRef, context?: AccessContext): Decision;
}
