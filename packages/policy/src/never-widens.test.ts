/**
 * "The policy never widens" (STYLE.md, DESIGN.md invariant 5): for any principal, action,
 * resource and context — including forged grants naming the caller — operators and privacy
 * officers never read events, and a contributor never acts on another subject's data.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AccessContext, GrantInfo, Principal, ResourceRef, ResourceType } from './access-types.ts';
import { ACTIONS, BREAKGLASS_REASON_CODES, ROLES } from './actions.ts';
import { CedarPolicy } from './cedar-policy.ts';
import { ALL_SCOPES, HOUR, NOW } from './policy-fixtures.ts';

let paused = false;
const policy = new CedarPolicy({ programPaused: () => paused, now: () => NOW });

const SUBJECTS = ['s-a', 's-b', 's-c'];
const PEOPLE = ['person:p1', 'person:p2', 'person:p3', 'person:p4'];
const RESOURCE_TYPES: ResourceType[] = [
  'subject_events',
  'subject',
  'program',
  'device',
  'grant',
  'dataset',
  'incident',
];

const time = fc.integer({ min: NOW - 200 * HOUR, max: NOW + 200 * HOUR });

const grantArb: fc.Arbitrary<GrantInfo> = fc.record({
  id: fc.constantFrom('g-1', 'g-2'),
  requester: fc.constantFrom(...PEOPLE),
  approvers: fc.array(fc.constantFrom(...PEOPLE), { maxLength: 4 }),
  subjects: fc.subarray(SUBJECTS),
  reasonCode: fc.constantFrom(...BREAKGLASS_REASON_CODES),
  notBefore: time,
  expiresAt: time,
  windowFrom: time,
  windowTo: time,
  readOnly: fc.boolean(),
});

const principalArb: fc.Arbitrary<Principal> = fc.record(
  {
    id: fc.constantFrom(...PEOPLE, 'service:trainer'),
    role: fc.constantFrom(...ROLES),
    subject: fc.constantFrom(...SUBJECTS),
    scopes: fc.oneof(fc.constant(ALL_SCOPES), fc.subarray([...ALL_SCOPES])),
    tokenId: fc.constant('tok'),
  },
  { requiredKeys: ['id', 'role', 'scopes', 'tokenId'] },
);

const resourceArb: fc.Arbitrary<ResourceRef> = fc.record(
  {
    type: fc.constantFrom(...RESOURCE_TYPES),
    subject: fc.constantFrom(...SUBJECTS),
    id: fc.constantFrom('g-1', 'g-2', 'dev-1', 'ds-1', 'inc-1', 'steno'),
  },
  { requiredKeys: ['type'] },
);

const contextArb: fc.Arbitrary<AccessContext> = fc.record(
  {
    programPaused: fc.boolean(),
    incidentOpen: fc.boolean(),
    grant: grantArb,
    readFrom: time,
    readTo: time,
  },
  { requiredKeys: [] },
);

/** A forged grant made out to the caller, approved by everyone else, covering everything. */
function perfectGrantFor(p: Principal): GrantInfo {
  return {
    id: 'g-1',
    requester: p.id,
    approvers: PEOPLE.filter((x) => x !== p.id),
    subjects: SUBJECTS,
    reasonCode: 'security_incident',
    notBefore: NOW - HOUR,
    expiresAt: NOW + HOUR,
    windowFrom: NOW - 100 * HOUR,
    windowTo: NOW + 100 * HOUR,
    readOnly: true,
  };
}

const RUNS = 400;
/** What everyone signed in may see about the program (no subject data). */
const PROGRAM_FACTS: readonly string[] = ['scope.read', 'program.status', 'audit.proof'];

describe('the policy never widens', () => {
  it('operators and privacy officers never read events, whatever the grant or context', () => {
    fc.assert(
      fc.property(
        principalArb,
        fc.constantFrom('operator', 'privacy_officer' as const),
        fc.constantFrom('events.read', 'breakglass.read_events' as const),
        resourceArb,
        contextArb,
        fc.boolean(),
        fc.boolean(),
        (p0, role, action, resource, ctx, perfect, enginePaused) => {
          paused = enginePaused;
          const p = { ...p0, role };
          const context = perfect
            ? { ...ctx, grant: perfectGrantFor(p), readFrom: NOW - HOUR, readTo: NOW, incidentOpen: true }
            : ctx;
          expect(policy.authorize(p, action, resource, context).allow).toBe(false);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('a contributor never acts on another subject, nor on anything not their own', () => {
    fc.assert(
      fc.property(
        principalArb,
        fc.constantFrom(...ACTIONS),
        resourceArb,
        contextArb,
        fc.boolean(),
        (p0, action, resource, ctx, perfect) => {
          paused = false;
          const p = { ...p0, role: 'contributor' as const };
          const context = perfect
            ? { ...ctx, grant: perfectGrantFor(p), readFrom: NOW - HOUR, readTo: NOW }
            : ctx;
          const d = policy.authorize(p, action, resource, context);
          const ownData =
            p.subject !== undefined &&
            resource.subject === p.subject &&
            (resource.type === 'subject' || resource.type === 'subject_events' || resource.type === 'device');
          const programFact = resource.type === 'program' && PROGRAM_FACTS.includes(action);
          // Their own API tokens (issue 15): a program action whose routes touch only the caller's tokens.
          const ownTokens = resource.type === 'program' && action === 'tokens.manage';
          if (!ownData && !programFact && !ownTokens)
            expect(d.allow, `${action} ${JSON.stringify(resource)} → ${d.reason}`).toBe(false);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('nobody but the ML roles builds or downloads datasets, and nobody reads other subjects via events.read', () => {
    fc.assert(
      fc.property(
        principalArb,
        fc.constantFrom('datasets.build', 'datasets.download', 'events.read' as const),
        resourceArb,
        contextArb,
        (p, action, resource, ctx) => {
          paused = false;
          const d = policy.authorize(p, action, resource, ctx);
          if (action === 'events.read') {
            if (p.subject === undefined || resource.subject !== p.subject) expect(d.allow).toBe(false);
          } else if (p.role !== 'ml_engineer' && p.role !== 'training_service') {
            expect(d.allow).toBe(false);
          }
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('break-glass reads are allowed only under a grant that meets every condition', () => {
    fc.assert(
      fc.property(principalArb, resourceArb, contextArb, (p, resource, ctx) => {
        paused = false;
        const d = policy.authorize(p, 'breakglass.read_events', resource, ctx);
        if (!d.allow) return;
        const g = ctx.grant;
        expect(g).toBeDefined();
        if (!g || ctx.readFrom === undefined || ctx.readTo === undefined) return;
        const distinct = [...new Set(g.approvers)];
        expect(p.role).toBe('investigator');
        expect(g.requester).toBe(p.id);
        expect(g.readOnly).toBe(true);
        expect(g.approvers).not.toContain(g.requester);
        expect(distinct.length).toBeGreaterThanOrEqual(2);
        expect(g.subjects).toContain(resource.subject);
        expect(g.notBefore <= NOW && NOW < g.expiresAt).toBe(true);
        expect(g.expiresAt - g.notBefore).toBeLessThanOrEqual(72 * HOUR);
        expect(g.windowFrom <= ctx.readFrom && ctx.readFrom <= ctx.readTo && ctx.readTo <= g.windowTo).toBe(
          true,
        );
      }),
      { numRuns: RUNS },
    );
  });
});
