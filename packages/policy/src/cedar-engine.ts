/**
 * The one module that imports the Cedar WASM engine (the Node build: the package root fails on
 * Node 20). Everything else in Steno — the rest of this package and the guard-decision bench —
 * reaches Cedar through here, so there is a single seam to upgrade or swap the engine.
 */
export {
  checkParseSchema,
  type DetailedError,
  type EntityJson,
  type EntityUidJson,
  getCedarVersion,
  isAuthorized,
  policySetTextToParts,
  policyToJson,
  preparsePolicySet,
  preparseSchema,
  schemaToJson,
  statefulIsAuthorized,
  validate,
} from '@cedar-policy/cedar-wasm/nodejs';
