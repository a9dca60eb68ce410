/**
 * People signing in with a browser: the identity mode (OIDC or local accounts), sessions, and the
 * mapping from a session to the Principal the policy decides about. Built once at start-up from
 * @steno/identity and the SQL stores; the HTTP edge and the auth routes share it.
 */
import {
  type ActiveSession,
  type CookieOptions,
  createLocalAccounts,
  createOidcClient,
  createPendingSignIns,
  createSessions,
  type IdentityMode,
  identityMode,
  type LocalAccounts,
  type OidcClient,
  type PendingSignIns,
  type Sessions,
} from '@steno/identity';
import { ROLES } from '@steno/policy';
import type { SqlClient } from '../store/sql-client.ts';
import { sqlAccountStore, sqlPendingSignInStore, sqlSessionStore } from './identity-stores.ts';
import type { Principal, Role } from './principal.ts';

/**
 * The scopes a person signed in with a browser holds: what their role needs, nothing more. API
 * tokens a person creates carry a subset of these.
 */
export const SESSION_SCOPES: Readonly<Record<Role, readonly string[]>> = {
  contributor: ['me:read'],
  // `breakglass` lets an officer approve requests; only investigators read under a grant (Cedar).
  privacy_officer: [
    'program:admin',
    'program:read',
    'audit:read',
    'incidents',
    'breakglass',
    'datasets:read',
  ],
  investigator: ['breakglass', 'audit:read', 'incidents'],
  ml_engineer: ['datasets:build', 'datasets:read'],
  // A service never signs in with a browser; it gets an API token from an operator.
  training_service: [],
  operator: ['devices:admin', 'audit:read', 'program:read'],
};

/** Roles a person may be invited to (a service is not a person). */
export const PERSON_ROLES = ROLES.filter((r) => r !== 'training_service');

export interface People {
  readonly mode: IdentityMode;
  readonly publicOrigin: string;
  readonly cookies: CookieOptions;
  readonly sessions: Sessions;
  readonly pendings: PendingSignIns;
  readonly local: LocalAccounts;
  readonly oidc: OidcClient | undefined;
  /** The principal of a live session. */
  principalOf(session: ActiveSession): Principal;
}

export function createPeople(
  db: SqlClient,
  options: {
    publicOrigin: string;
    oidc?: { issuer: string; clientId: string; clientSecret?: string };
    now: () => number;
  },
): People {
  const mode = identityMode({ oidc: options.oidc });
  const publicOrigin = new URL(options.publicOrigin).origin;
  const oidc =
    mode === 'oidc' && options.oidc
      ? createOidcClient({
          issuer: options.oidc.issuer,
          clientId: options.oidc.clientId,
          ...(options.oidc.clientSecret ? { clientSecret: options.oidc.clientSecret } : {}),
          redirectUri: `${publicOrigin}/v1/auth/callback`,
          now: options.now,
        })
      : undefined;
  return {
    mode,
    publicOrigin,
    cookies: { secure: publicOrigin.startsWith('https:') },
    sessions: createSessions({ store: sqlSessionStore(db), now: options.now }),
    pendings: createPendingSignIns(sqlPendingSignInStore(db, options.now), { now: options.now }),
    local: createLocalAccounts({ store: sqlAccountStore(db), mode, now: options.now }),
    oidc,
    principalOf(session) {
      const role = (ROLES as readonly string[]).includes(session.role) ? (session.role as Role) : undefined;
      // An unknown role (a row edited by hand) gets no scopes and a role the policies never permit.
      const r: Role = role ?? 'contributor';
      return {
        id: `person:${session.subject}`,
        role: r,
        ...(r === 'contributor' && role ? { subject: session.subject } : {}),
        scopes: role ? SESSION_SCOPES[role] : [],
        tokenId: `session:${session.authMethod}`,
      };
    },
  };
}
