/**
 * Authorisation decisions for the server: the Cedar policies of `@steno/policy` (default deny,
 * the reason returned). Every HTTP route declares its action and resource, and every read of event
 * data asks again inside the guard. This module only re-exports the policy package's vocabulary so
 * the server has one place to import it from.
 */
export {
  ACTIONS,
  type AccessContext,
  type AccessPolicy,
  type Action,
  CedarPolicy,
  type Decision,
  type ResourceRef,
} from '@steno/policy';
