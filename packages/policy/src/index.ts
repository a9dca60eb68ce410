/**
 * @steno/policy: Steno's authorisation policies in Cedar (cedar/*.cedar, cedar/steno.cedarschema)
 * and the engine around them that the server's guard calls.
 */
export type {
  AccessContext,
  AccessPolicy,
  Decision,
  GrantInfo,
  Principal,
  ResourceRef,
  ResourceType,
} from './access-types.ts';
export {
  ACTION_SCOPES,
  ACTIONS,
  type Action,
  BREAKGLASS_DEFAULT_TTL_MS,
  BREAKGLASS_MAX_TTL_MS,
  BREAKGLASS_REASON_CODES,
  type BreakglassReasonCode,
  isAction,
  ROLES,
  type Role,
} from './actions.ts';
export { CedarPolicy, type CedarPolicyOptions, DEFAULT_DENY, type DenyLogEntry } from './cedar-policy.ts';
export { clockDependentActions, type DecisionCacheStats } from './decision-cache.ts';
export { POLICY_ERROR_CODES, PolicyError, type PolicyErrorCode } from './policy-error.ts';
export { type ValidatedPolicySet, validatePolicies } from './policy-set.ts';
export {
  CEDAR_DIR,
  loadSchemaText,
  type PolicySources,
  readPolicySources,
  SCHEMA_FILE,
} from './policy-sources.ts';
