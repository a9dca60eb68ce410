/**
 * Issue 5: the access matrix, generated from the route table and decided by the real Cedar
 * policies — every role × every route × own and another subject's data — against the expected
 * table written here. Any allow outside it fails. It also writes docs/access-matrix.md and fails
 * if the committed file drifts from the code (set UPDATE_ACCESS_MATRIX=1 to rewrite it).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_SCOPES } from '../packages/server/src/auth/people.ts';
import type { Principal } from '../packages/server/src/auth/principal.ts';
import type { ResourceRef } from '../packages/server/src/guard/access-policy.ts';
import type { RouteContext } from '../packages/server/src/http/route-table.ts';
import { startTestServer, type TestServer } from './support/test-server.ts';

const ROLES = [
  'contributor',
  'privacy_officer',
  'investigator',
  'ml_engineer',
  'training_service',
  'operator',
] as const;
type Role = (typeof ROLES)[number];
/** The scopes a person signed in with a browser holds (the server's own table); a service's token: datasets. */
const SCOPES: Record<Role, readonly string[]> = {
  ...SESSION_SCOPES,
  training_service: ['datasets:build', 'datasets:read'],
};

/** What each role may do on each route: 'own' = only its own subject's data, 'any' = not subject-bound. */
const EXPECTED: Record<string, Partial<Record<Role, 'own' | 'any'>>> = {
  'GET /v1/me/events': { contributor: 'own' },
  'GET /v1/me/access': { contributor: 'own' },
  'POST /v1/me/erase': { contributor: 'own' },
  'GET /v1/me/consent': { contributor: 'own' },
  'GET /v1/me/export': { contributor: 'own' },
  'POST /v1/me/consent': { contributor: 'own' },
  'POST /v1/program/notices': { privacy_officer: 'any' },
  'POST /v1/admin/enrol-tokens': { operator: 'any' },
  'GET /v1/admin/devices': { operator: 'any' },
  'POST /v1/admin/devices/:id/revoke': { operator: 'any' },
  'GET /v1/audit/entries': { privacy_officer: 'any', investigator: 'any', operator: 'any' },
  'GET /v1/audit/proof/inclusion': Object.fromEntries(ROLES.map((r) => [r, 'any'])),
  'GET /v1/audit/proof/consistency': Object.fromEntries(ROLES.map((r) => [r, 'any'])),
  'GET /v1/program/scope': Object.fromEntries(ROLES.map((r) => [r, 'any'])),
  'PUT /v1/program/scope': { privacy_officer: 'any' },
  'GET /v1/program/status': Object.fromEntries(ROLES.map((r) => [r, 'any'])),
  'POST /v1/program/pause': { privacy_officer: 'any' },
  'POST /v1/program/resume': { privacy_officer: 'any' },
  'POST /v1/program/retention/run': { privacy_officer: 'any', operator: 'any' },
  'POST /v1/auth/invitations': { privacy_officer: 'any' },
  'GET /v1/auth/invitations/requests': { privacy_officer: 'any' },
  'POST /v1/auth/invitations/requests/:id/approve': { privacy_officer: 'any' },
  'GET /v1/people': { privacy_officer: 'any' },
  'POST /v1/tokens': {
    contributor: 'any',
    privacy_officer: 'any',
    investigator: 'any',
    ml_engineer: 'any',
    operator: 'any',
  },
  'GET /v1/tokens': {
    contributor: 'any',
    privacy_officer: 'any',
    investigator: 'any',
    ml_engineer: 'any',
    operator: 'any',
  },
  'DELETE /v1/tokens/:id': {
    contributor: 'any',
    privacy_officer: 'any',
    investigator: 'any',
    ml_engineer: 'any',
    operator: 'any',
  },
  'GET /v1/incidents/severities': { privacy_officer: 'any', investigator: 'any' },
  'POST /v1/incidents': { privacy_officer: 'any', investigator: 'any' },
  'GET /v1/incidents': { privacy_officer: 'any', investigator: 'any' },
  'GET /v1/incidents/:id': { privacy_officer: 'any', investigator: 'any' },
  'POST /v1/incidents/:id/timeline': { privacy_officer: 'any', investigator: 'any' },
  'POST /v1/incidents/:id/regulator-notified': { privacy_officer: 'any', investigator: 'any' },
  'POST /v1/incidents/:id/close': { privacy_officer: 'any', investigator: 'any' },
  'POST /v1/incidents/:id/report': { privacy_officer: 'any', investigator: 'any' },
  'GET /v1/program/regions': Object.fromEntries(ROLES.map((r) => [r, 'any'])),
  'PUT /v1/program/regions/:region': { privacy_officer: 'any' },
  'POST /v1/datasets': { ml_engineer: 'any', training_service: 'any' },
  'GET /v1/datasets': { ml_engineer: 'any', training_service: 'any', privacy_officer: 'any' },
  'GET /v1/datasets/:id': { ml_engineer: 'any', training_service: 'any', privacy_officer: 'any' },
  'GET /v1/datasets/:id/files/:name': { ml_engineer: 'any', training_service: 'any' },
  'GET /metrics': { privacy_officer: 'any', operator: 'any' },
  'GET /v1/program/volume': { privacy_officer: 'any', operator: 'any' },
  'POST /v1/me/pause': { contributor: 'own' },
  'POST /v1/me/resume': { contributor: 'own' },
  'GET /v1/me/pause': { contributor: 'own' },
  'GET /v1/me/reviews': { contributor: 'own' },
  'PUT /v1/me/reviews/:taskId': { contributor: 'own' },
  'GET /v1/program/notices/current': Object.fromEntries(ROLES.map((r) => [r, 'any'])),
  'GET /v1/breakglass/requests': { privacy_officer: 'any', investigator: 'any' },
  // Only the caller's own requests are listed (test/breakglass.test.ts).
  'GET /v1/breakglass/grants': { privacy_officer: 'any', investigator: 'any' },
  // Without an approved grant nobody reads another subject's events (grants: test/breakglass.test.ts).
  'GET /v1/breakglass/grants/:id/events': {},
};

describe('access matrix', () => {
  let ts: TestServer;
  beforeAll(async () => {
    ts = await startTestServer('pglite');
  });
  afterAll(async () => {
    await ts?.close();
  });

  it('every role × route × own/other decision matches the expected table, and docs/access-matrix.md is current', () => {
    const decided: Record<string, Record<Role, { own: boolean; other: boolean }>> = {};
    const failures: string[] = [];
    const contextual: string[] = [];
    for (const r of ts.server.routes) {
      const action = r.action ?? r.guarded;
      const key = `${r.method} ${r.url}`;
      if (!action) continue;
      if (r.context) {
        contextual.push(key);
        continue;
      }
      expect(EXPECTED, `route ${key} is missing from the expected table`).toHaveProperty([key]);
      decided[key] = {} as Record<Role, { own: boolean; other: boolean }>;
      for (const role of ROLES) {
        const principal: Principal = {
          id: `person:${role}`,
          role,
          subject: 'alice',
          scopes: SCOPES[role],
          tokenId: 'tok_matrix',
        };
        const decide = (subject: string) => {
          const ctx = {
            body: { subject },
            query: {},
            params: { id: 'dev_matrix' },
            principal,
            requestId: 'x',
            hijack: () => undefined,
          } as unknown as RouteContext<unknown, unknown, unknown>;
          const base: ResourceRef =
            r.guarded && !r.resource
              ? { type: 'subject_events', subject: 'alice' }
              : (r.resource?.(ctx) ?? { type: 'program' });
          const resource = base.subject !== undefined ? { ...base, subject } : base;
          return ts.server.policy.authorize(principal, action, resource).allow;
        };
        const own = decide('alice');
        const other = decide('bob');
        decided[key][role] = { own, other };
        const want = EXPECTED[key]?.[role];
        const wantOwn = want === 'own' || want === 'any';
        const wantOther = want === 'any';
        if (own !== wantOwn || other !== wantOther)
          failures.push(`${key} as ${role}: own=${own} other=${other}, expected ${want ?? 'none'}`);
      }
    }
    expect(failures).toEqual([]);

    const cell = (d: { own: boolean; other: boolean }) =>
      d.own && d.other ? 'yes' : d.own ? 'own data only' : d.other ? 'others only (!)' : '—';
    const lines = [
      '# Access matrix',
      '',
      'Generated by `test/access-matrix.test.ts` from the route table and the Cedar policies',
      '(`packages/policy/cedar/`); the test fails if this file drifts from the code. "own data only":',
      "the role may act on its own subject's data and is denied on another subject's. Routes without",
      'a policy action (health, OpenAPI, enrolment, device-signed ingest and leases, the checkpoint)',
      'authenticate with device signatures or are public, and are not listed.',
      '',
      `| route | ${ROLES.join(' | ')} |`,
      `| --- | ${ROLES.map(() => '---').join(' | ')} |`,
      ...Object.entries(decided).map(
        ([key, byRole]) => `| \`${key}\` | ${ROLES.map((role) => cell(byRole[role])).join(' | ')} |`,
      ),
      '',
      'Decided with a break-glass grant in the context, so not a fixed cell (see `test/breakglass.test.ts`):',
      ...contextual.map((k) => `- \`${k}\``),
      '',
    ];
    const text = lines.join('\n');
    const file = join(import.meta.dirname, '..', 'docs', 'access-matrix.md');
    if (process.env.UPDATE_ACCESS_MATRIX || !existsSync(file)) writeFileSync(file, text);
    expect(
      readFileSync(file, 'utf8'),
      'docs/access-matrix.md drifted: rerun with UPDATE_ACCESS_MATRIX=1',
    ).toBe(text);
  });
});
