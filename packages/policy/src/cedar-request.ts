/**
 * Builds the Cedar request for one decision: the principal, resource and context, and only the
 * entities the decision reads (the principal, the resource when it has attributes or parents, the
 * program, and the grant when there is one). Crossing the WASM boundary is most of the cost of a
 * decision, so nothing else is sent. Inputs that cannot form a valid request are refused here
 * with a reason, never guessed at.
 */

import type { AccessContext, GrantInfo, Principal, ResourceRef } from './access-types.ts';
import { type Action, BREAKGLASS_REASON_CODES, ROLES } from './actions.ts';
import type { EntityJson, EntityUidJson } from './cedar-engine.ts';

export interface CedarRequest {
  principal: EntityUidJson;
  action: EntityUidJson;
  resource: EntityUidJson;
  context: Record<string, unknown>;
  entities: EntityJson[];
}

export type BuildResult = { ok: true; request: CedarRequest } | { ok: false; reason: string };

export interface RequestEnv {
  now: number;
  programPaused: boolean;
  programId: string;
}

const ROLE_SET: ReadonlySet<string> = new Set(ROLES);
const REASON_SET: ReadonlySet<string> = new Set(BREAKGLASS_REASON_CODES);

const uid = (type: string, id: string): EntityUidJson => ({ type: `Steno::${type}`, id });
const ref = (type: string, id: string) => ({ __entity: { type: `Steno::${type}`, id } });

function isLong(n: unknown): n is number {
  return typeof n === 'number' && Number.isSafeInteger(n);
}

function principalEntity(p: Principal): EntityJson | undefined {
  if (!ROLE_SET.has(p.role) || typeof p.id !== 'string' || p.id === '') return undefined;
  const role = ref('Role', p.role);
  const scopes = [...p.scopes];
  if (p.role === 'training_service') {
    return { uid: uid('Service', p.id), attrs: { role, scopes }, parents: [] };
  }
  const attrs: Record<string, unknown> = { role, scopes };
  if (p.subject !== undefined && p.subject !== '') attrs.subject = ref('Subject', p.subject);
  return { uid: uid('Person', p.id), attrs: attrs as EntityJson['attrs'], parents: [] };
}

/** The first two distinct approvers, in approval order (Cedar cannot count a set). */
function firstTwoDistinct(ids: readonly string[]): string[] {
  const out: string[] = [];
  for (const id of ids) if (!out.includes(id) && out.push(id) === 2) break;
  return out;
}

function grantEntity(g: GrantInfo): EntityJson | undefined {
  const times = [g.notBefore, g.expiresAt, g.windowFrom, g.windowTo];
  if (!times.every(isLong) || !REASON_SET.has(g.reasonCode) || typeof g.readOnly !== 'boolean')
    return undefined;
  const [first, second] = firstTwoDistinct(g.approvers);
  const attrs: Record<string, unknown> = {
    requester: ref('Person', g.requester),
    approvers: g.approvers.map((a) => ref('Person', a)),
    subjects: g.subjects.map((s) => ref('Subject', s)),
    notBefore: g.notBefore,
    expiresAt: g.expiresAt,
    windowFrom: g.windowFrom,
    windowTo: g.windowTo,
    reasonCode: ref('ReasonCode', g.reasonCode),
    readOnly: g.readOnly,
  };
  if (first !== undefined) attrs.firstApprover = ref('Person', first);
  if (second !== undefined) attrs.secondApprover = ref('Person', second);
  return { uid: uid('Grant', g.id), attrs: attrs as EntityJson['attrs'], parents: [] };
}

function nonEmpty(s: string | undefined): s is string {
  return typeof s === 'string' && s !== '';
}

export function buildRequest(
  principal: Principal,
  action: Action,
  resource: ResourceRef,
  context: AccessContext,
  env: RequestEnv,
): BuildResult {
  const who = principalEntity(principal);
  if (!who) return { ok: false, reason: 'invalid_principal' };

  const now = env.now;
  const { readFrom, readTo, grant } = context;
  if (
    !isLong(now) ||
    (readFrom !== undefined && !isLong(readFrom)) ||
    (readTo !== undefined && !isLong(readTo))
  ) {
    return { ok: false, reason: 'invalid_context' };
  }
  const programUid = uid('Program', env.programId);
  const program: EntityJson = {
    uid: programUid,
    attrs: { paused: env.programPaused },
    parents: [],
  };
  const entities: EntityJson[] = [who, program];
  const cedarContext: Record<string, unknown> = {
    now,
    program: { __entity: programUid },
    incidentOpen: context.incidentOpen === true,
  };
  if (readFrom !== undefined) cedarContext.readFrom = readFrom;
  if (readTo !== undefined) cedarContext.readTo = readTo;
  let grantUid: EntityUidJson | undefined;
  if (grant !== undefined) {
    const g = grantEntity(grant);
    if (!g) return { ok: false, reason: 'invalid_grant' };
    entities.push(g);
    grantUid = g.uid;
    cedarContext.grant = { __entity: g.uid };
  }

  let res: EntityUidJson;
  switch (resource.type) {
    case 'subject_events':
      if (!nonEmpty(resource.subject)) return { ok: false, reason: 'invalid_resource' };
      res = uid('SubjectEvents', resource.subject);
      entities.push({ uid: res, attrs: {}, parents: [uid('Subject', resource.subject)] });
      break;
    case 'subject':
      // A subject is "in" itself; it has no attributes, so its entity need not be sent.
      if (!nonEmpty(resource.subject)) return { ok: false, reason: 'invalid_resource' };
      res = uid('Subject', resource.subject);
      break;
    case 'program':
      if (resource.id !== undefined && resource.id !== env.programId)
        return { ok: false, reason: 'invalid_resource' };
      res = programUid;
      break;
    case 'device':
      if (!nonEmpty(resource.id)) return { ok: false, reason: 'invalid_resource' };
      res = uid('Device', resource.id);
      if (nonEmpty(resource.subject)) {
        entities.push({ uid: res, attrs: {}, parents: [uid('Subject', resource.subject)] });
      }
      break;
    case 'grant':
      // The grant acted on travels in context.grant; the resource names the same one.
      if (!grantUid || (resource.id !== undefined && resource.id !== grant?.id)) {
        return { ok: false, reason: 'invalid_resource' };
      }
      res = grantUid;
      break;
    case 'dataset':
      if (!nonEmpty(resource.id)) return { ok: false, reason: 'invalid_resource' };
      res = uid('Dataset', resource.id);
      break;
    case 'incident':
      if (!nonEmpty(resource.id)) return { ok: false, reason: 'invalid_resource' };
      res = uid('Incident', resource.id);
      break;
    default:
      return { ok: false, reason: 'invalid_resource' };
  }

  return {
    ok: true,
    request: {
      principal: who.uid,
      action: { type: 'Steno::Action', id: action },
      resource: res,
      context: cedarContext,
      entities,
    },
  };
}
