/** @steno/server: ingest, store, guard and HTTP API. */

export { checkApiToken, issueApiToken } from './auth/api-tokens.ts';
export { PERSON_ROLES } from './auth/people.ts';
export { type Config, DEFAULTS, loadConfig } from './config.ts';
export { kekFromBase64 } from './crypto/kek.ts';
export { type RotationReport, rotateKekFile, rotateKekValue } from './crypto/kek-rotation.ts';
export { FileKeyStore } from './crypto/key-store.ts';
export { StenoError } from './errors.ts';
export { createEnrolToken } from './ingest/device-enrolment.ts';
export { consentState, recordConsent } from './program/consent.ts';
export { type InvestigationReport, verifyIncidentReport } from './program/incidents.ts';
export {
  createStenoServer,
  ensureFirstInvitation,
  ensureOperatorToken,
  ensurePrivacyOfficerToken,
  openStore,
  type ServerOptions,
  type StenoServer,
} from './steno-server.ts';
export { migrate } from './store/migrate.ts';
export { openPostgres } from './store/pg-client.ts';
export { openPglite } from './store/pglite-client.ts';
export type { SqlClient } from './store/sql-client.ts';
