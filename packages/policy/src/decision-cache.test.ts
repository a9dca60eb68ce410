/**
 * The decision cache (issue 19) never answers differently from Cedar: for any sequence of
 * requests — with the program paused and resumed, grants changed, scopes narrowed and the clock
 * moving between them — a CedarPolicy that remembers decisions agrees with one that asks Cedar
 * every time. And the clock is never left out of the key of a decision a policy judges by it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AccessContext, GrantInfo, Principal, ResourceRef } from './access-types.ts';
import { ACTIONS, BREAKGLASS_REASON_CODES, ROLES } from './actions.ts';
import { CedarPolicy } from './cedar-policy.ts';
import { clockDependentActions } from './decision-cache.ts';
import { ALL_SCOPES, approvedGrant, HOUR, NOW, principalOf } from './policy-fixtures.ts';
import { validatePolicies } from './policy-set.ts';

const SUBJECTS = ['s-own', 's-other'];
const PEOPLE = ['person:investigator', 'person:po-1', 'person:po-2', 'person:contributor'];
const time = fc.integer({ min: NOW - 100 * HOUR, max: NOW + 100 * HOUR });

const grantArb: fc.Arbitrary<GrantInfo> = fc.record({
  id: fc.constantFrom('grant-1', 'grant-2'),
  requester: fc.constantFrom(...PEOPLE),
  approvers: fc.array(fc.constantFrom(...PEOPLE), { maxLength: 3 }),
  subjects: fc.subarray(SUBJECTS),
  reasonCode: fc.constantFrom(...BREAKGLASS_REASON_CODES),
  notBefore: time,
  expiresAt: time,
  windowFrom: time,
  windowTo: time,
  readOnly: fc.boolean(),
});

const requestArb = fc.record({
  principal: fc.record({
    role: fc.oneof(fc.constantFrom('contributor', 'investigator' as const), fc.constantFrom(...ROLES)),
    subject: fc.constantFrom(...SUBJECTS),
    scopes: fc.constantFrom(ALL_SCOPES, [] as string[]),
  }),
  action: fc.oneof(
    fc.constantFrom('events.read', 'breakglass.read_events', 'datasets.build' as const),
    fc.constantFrom(...ACTIONS),
  ),
  resource: fc.record({
    type: fc.constantFrom('subject_events', 'subject_events', 'program', 'grant', 'dataset' as const),
    subject: fc.constantFrom(...SUBJECTS),
    id: fc.constantFrom('grant-1', 'ds-1'),
  }),
  grant: fc.option(fc.oneof(fc.constant(approvedGrant()), grantArb), { nil: undefined, freq: 2 }),
  readFrom: fc.constantFrom(NOW - 2 * HOUR, NOW - 100 * HOUR),
  incidentOpen: fc.boolean(),
});

/** A few requests, then a sequence that repeats them (so the cache is hit) as the world changes. */
const runArb = fc.array(requestArb, { minLength: 1, maxLength: 5 }).chain((requests) =>
  fc.tuple(
    fc.constant(requests),
    fc.array(
      fc.record({
        request: fc.nat(requests.length - 1),
        paused: fc.boolean(),
        /** How far the clock moves before this request. */
        tick: fc.constantFrom(0, 0, HOUR, 5 * HOUR),
      }),
      { minLength: 1, maxLength: 30 },
    ),
  ),
);

describe('decision cache', () => {
  it('judges by the clock exactly the break-glass actions (their policies read context.now)', () => {
    expect([...clockDependentActions(validatePolicies().policies)].sort()).toEqual([
      'breakglass.approve',
      'breakglass.read_events',
      'breakglass.request',
    ]);
  });

  it('fails closed on a policy it cannot place: a clocked policy over all actions makes every action clocked', () => {
    const all = clockDependentActions({
      p: 'permit (principal, action, resource) when { context.now > 0 };',
    });
    expect([...all].sort()).toEqual([...ACTIONS].sort());
    const none = clockDependentActions({
      p: 'permit (principal, action, resource) when { context.incidentOpen };',
    });
    expect(none.size).toBe(0);
  });

  it('a remembering policy agrees with Cedar on every request of any sequence (pause, grants, scopes, clock)', () => {
    // One pair for every run: what one run taught the cache is still there in the next.
    let now = NOW;
    let paused = false;
    const set = validatePolicies();
    const cached = new CedarPolicy({ policySet: set, programPaused: () => paused, now: () => now });
    const fresh = new CedarPolicy({
      policySet: set,
      programPaused: () => paused,
      now: () => now,
      decisionCacheSize: 0,
    });
    fc.assert(
      fc.property(runArb, ([requests, steps]) => {
        now = NOW;
        for (const step of steps) {
          now += step.tick;
          paused = step.paused;
          const s = requests[step.request];
          if (!s) throw new Error('no such request');
          const p: Principal = {
            id: s.principal.role === 'investigator' ? 'person:investigator' : `person:${s.principal.role}`,
            role: s.principal.role,
            subject: s.principal.subject,
            scopes: s.principal.scopes,
            tokenId: 't',
          };
          const ctx: AccessContext = {
            readFrom: s.readFrom,
            readTo: NOW - HOUR,
            incidentOpen: s.incidentOpen,
            ...(s.grant ? { grant: s.grant } : {}),
          };
          const resource = s.resource as ResourceRef;
          expect(cached.authorize(p, s.action, resource, ctx)).toEqual(
            fresh.authorize(p, s.action, resource, ctx),
          );
        }
      }),
      { numRuns: 100 },
    );
    expect(cached.decisionCacheStats.hits).toBeGreaterThan(50);
  });

  it('a contributor reading twice: the second read is refused after a pause, allowed again after the resume', () => {
    let paused = false;
    const policy = new CedarPolicy({ programPaused: () => paused, now: () => NOW });
    const me = principalOf('contributor');
    const read = () => policy.authorize(me, 'events.read', { type: 'subject_events', subject: 's-own' }, {});
    expect(read().allow).toBe(true);
    expect(read().allow).toBe(true);
    expect(policy.decisionCacheStats.hits).toBeGreaterThanOrEqual(1);
    paused = true;
    expect(read()).toEqual({ allow: false, reason: 'pause.freezes_event_reads' });
    paused = false;
    expect(read().allow).toBe(true);
    // A token narrowed to no scope is a different principal: refused, whatever was remembered.
    expect(
      policy.authorize({ ...me, scopes: [] }, 'events.read', { type: 'subject_events', subject: 's-own' }, {})
        .allow,
    ).toBe(false);
  });

  it('a break-glass read is refused once its grant expires, though the same request was allowed before', () => {
    let now = NOW;
    const policy = new CedarPolicy({ programPaused: () => false, now: () => now });
    const inv = principalOf('investigator');
    const grant = approvedGrant();
    const read = () =>
      policy.authorize(
        inv,
        'breakglass.read_events',
        { type: 'subject_events', subject: 's-other' },
        {
          grant,
          readFrom: NOW - 2 * HOUR,
          readTo: NOW - HOUR,
        },
      );
    expect(read().allow).toBe(true);
    now = grant.expiresAt;
    expect(read().allow).toBe(false);
    // The same grant revoked (its approvals withdrawn) is refused at once, too.
    now = NOW;
    expect(
      policy.authorize(
        inv,
        'breakglass.read_events',
        { type: 'subject_events', subject: 's-other' },
        {
          grant: { ...grant, approvers: ['person:po-1'] },
          readFrom: NOW - 2 * HOUR,
          readTo: NOW - HOUR,
        },
      ).allow,
    ).toBe(false);
  });
});
