import { beforeEach, describe, expect, it } from 'vitest';
import type { AccessContext, GrantInfo } from './access-types.ts';
import { BREAKGLASS_MAX_TTL_MS } from './actions.ts';
import { CedarPolicy } from './cedar-policy.ts';
import { approvedGrant, HOUR, NOW, principalOf } from './policy-fixtures.ts';

let clock = NOW;
const policy = new CedarPolicy({ programPaused: () => false, now: () => clock });
const investigator = principalOf('investigator');
beforeEach(() => {
  clock = NOW;
});
const otherEvents = { type: 'subject_events', subject: 's-other' } as const;

function read(grant: GrantInfo | undefined, ctx: AccessContext = {}, at = NOW) {
  clock = at;
  return policy.authorize(investigator, 'breakglass.read_events', otherEvents, {
    readFrom: NOW - 2 * HOUR,
    readTo: NOW - HOUR,
    ...(grant ? { grant } : {}),
    ...ctx,
  });
}

describe('break-glass reads', () => {
  it('an approved, current grant lets its investigator read the named subject', () => {
    expect(read(approvedGrant())).toEqual({
      allow: true,
      reason: 'breakglass.investigator_reads_with_grant',
    });
  });

  it('without a grant an investigator reads nobody, by either action', () => {
    expect(read(undefined).allow).toBe(false);
    expect(policy.authorize(investigator, 'events.read', otherEvents, { grant: approvedGrant() }).allow).toBe(
      false,
    );
  });

  it('one approval is not enough, nor the same approver twice', () => {
    expect(read(approvedGrant({ approvers: ['person:po-1'] })).allow).toBe(false);
    expect(read(approvedGrant({ approvers: ['person:po-1', 'person:po-1'] })).allow).toBe(false);
    expect(read(approvedGrant({ approvers: [] })).allow).toBe(false);
  });

  it("the requester's own approval does not count, and voids the grant", () => {
    expect(read(approvedGrant({ approvers: ['person:investigator', 'person:po-1'] })).allow).toBe(false);
    expect(read(approvedGrant({ approvers: ['person:po-1', 'person:investigator'] })).allow).toBe(false);
    expect(
      read(approvedGrant({ approvers: ['person:po-1', 'person:po-2', 'person:investigator'] })).allow,
    ).toBe(false);
  });

  it('three approvals by others are fine', () => {
    expect(read(approvedGrant({ approvers: ['person:po-1', 'person:po-2', 'person:po-3'] })).allow).toBe(
      true,
    );
  });

  it('an expired grant, or one not yet valid, is denied', () => {
    expect(read(approvedGrant({ expiresAt: NOW })).allow).toBe(false);
    expect(read(approvedGrant(), {}, NOW + 3 * HOUR).allow).toBe(false);
    expect(read(approvedGrant({ notBefore: NOW + 1 })).allow).toBe(false);
    expect(read(approvedGrant(), {}, NOW + 3 * HOUR - 1).allow).toBe(true);
  });

  it('a grant longer than 72 hours is denied, whatever its current state', () => {
    const tooLong = approvedGrant({
      notBefore: NOW - HOUR,
      expiresAt: NOW - HOUR + BREAKGLASS_MAX_TTL_MS + 1,
    });
    const d = read(tooLong);
    expect(d.allow).toBe(false);
    expect(d.reason).toBe('breakglass.read_max_72h');
    const exactly72 = approvedGrant({ notBefore: NOW - HOUR, expiresAt: NOW - HOUR + BREAKGLASS_MAX_TTL_MS });
    expect(read(exactly72).allow).toBe(true);
  });

  it('a grant for other subjects is denied', () => {
    expect(read(approvedGrant({ subjects: ['s-third'] })).allow).toBe(false);
    expect(read(approvedGrant({ subjects: [] })).allow).toBe(false);
    expect(read(approvedGrant({ subjects: ['s-third', 's-other'] })).allow).toBe(true);
  });

  it("the grant's time window is respected", () => {
    const g = approvedGrant({ windowFrom: NOW - 10 * HOUR, windowTo: NOW - 5 * HOUR });
    expect(read(g, { readFrom: NOW - 9 * HOUR, readTo: NOW - 6 * HOUR }).allow).toBe(true);
    expect(read(g, { readFrom: NOW - 10 * HOUR, readTo: NOW - 5 * HOUR }).allow).toBe(true);
    expect(read(g, { readFrom: NOW - 11 * HOUR, readTo: NOW - 6 * HOUR }).allow).toBe(false);
    expect(read(g, { readFrom: NOW - 9 * HOUR, readTo: NOW - 4 * HOUR }).allow).toBe(false);
    expect(read(g, { readFrom: NOW - 6 * HOUR, readTo: NOW - 9 * HOUR }).allow).toBe(false);
    const noSpan = policy.authorize(investigator, 'breakglass.read_events', otherEvents, { grant: g });
    expect(noSpan.allow).toBe(false);
  });

  it('only the requesting investigator may use the grant, and only a read-only grant', () => {
    const colleague = principalOf('investigator', { id: 'person:colleague' });
    const d = policy.authorize(colleague, 'breakglass.read_events', otherEvents, {
      grant: approvedGrant(),
      readFrom: NOW - 2 * HOUR,
      readTo: NOW - HOUR,
    });
    expect(d.allow).toBe(false);
    expect(read(approvedGrant({ readOnly: false })).allow).toBe(false);
  });

  it('other roles cannot read under a grant in their own name', () => {
    for (const role of ['contributor', 'ml_engineer', 'operator', 'privacy_officer'] as const) {
      const p = principalOf(role);
      const d = policy.authorize(p, 'breakglass.read_events', otherEvents, {
        grant: approvedGrant({ requester: p.id }),
        readFrom: NOW - 2 * HOUR,
        readTo: NOW - HOUR,
      });
      expect(d.allow, role).toBe(false);
    }
  });

  it('needs the breakglass scope', () => {
    const unscoped = principalOf('investigator', { scopes: ['incidents'] });
    const d = policy.authorize(unscoped, 'breakglass.read_events', otherEvents, {
      grant: approvedGrant(),
      readFrom: NOW - 2 * HOUR,
      readTo: NOW - HOUR,
    });
    expect(d).toEqual({ allow: false, reason: 'scope.breakglass' });
  });
});

describe('break-glass requests and approvals', () => {
  const pending = approvedGrant({ approvers: [] });
  const grantRef = { type: 'grant', id: pending.id } as const;

  it('an investigator requests a grant in their own name, read-only, at most 72 h', () => {
    expect(policy.authorize(investigator, 'breakglass.request', grantRef, { grant: pending }).allow).toBe(
      true,
    );
    const forSomeoneElse = { ...pending, requester: 'person:colleague' };
    expect(
      policy.authorize(investigator, 'breakglass.request', grantRef, { grant: forSomeoneElse }).allow,
    ).toBe(false);
    const writable = { ...pending, readOnly: false };
    expect(policy.authorize(investigator, 'breakglass.request', grantRef, { grant: writable }).allow).toBe(
      false,
    );
    const long = { ...pending, expiresAt: pending.notBefore + BREAKGLASS_MAX_TTL_MS + 1 };
    expect(policy.authorize(investigator, 'breakglass.request', grantRef, { grant: long }).reason).toBe(
      'breakglass.max_72h',
    );
    expect(
      policy.authorize(principalOf('privacy_officer'), 'breakglass.request', grantRef, { grant: pending })
        .allow,
    ).toBe(false);
  });

  it('nobody approves their own request', () => {
    const d = policy.authorize(investigator, 'breakglass.approve', grantRef, { grant: pending });
    expect(d).toEqual({ allow: false, reason: 'breakglass.no_self_approval' });
  });

  it('a privacy officer or another investigator approves, once each', () => {
    const po = principalOf('privacy_officer', { id: 'person:po-1' });
    expect(policy.authorize(po, 'breakglass.approve', grantRef, { grant: pending }).allow).toBe(true);
    const colleague = principalOf('investigator', { id: 'person:colleague' });
    expect(policy.authorize(colleague, 'breakglass.approve', grantRef, { grant: pending }).allow).toBe(true);
    const again = { ...pending, approvers: ['person:po-1'] };
    expect(policy.authorize(po, 'breakglass.approve', grantRef, { grant: again }).reason).toBe(
      'breakglass.no_double_approval',
    );
  });

  it('operators, ML engineers and contributors do not approve; an expired request is not approved', () => {
    for (const role of ['operator', 'ml_engineer', 'contributor'] as const) {
      expect(
        policy.authorize(principalOf(role), 'breakglass.approve', grantRef, { grant: pending }).allow,
      ).toBe(false);
    }
    const po = principalOf('privacy_officer', { id: 'person:po-1' });
    const expired = { ...pending, expiresAt: NOW };
    expect(policy.authorize(po, 'breakglass.approve', grantRef, { grant: expired }).allow).toBe(false);
  });

  it('refuses a grant resource without grant details, or naming a different grant', () => {
    const po = principalOf('privacy_officer', { id: 'person:po-1' });
    expect(policy.authorize(po, 'breakglass.approve', grantRef).reason).toBe('invalid_resource');
    expect(
      policy.authorize(po, 'breakglass.approve', { type: 'grant', id: 'grant-2' }, { grant: pending }).reason,
    ).toBe('invalid_resource');
    const badCode = { ...pending, reasonCode: 'curiosity' } as unknown as GrantInfo;
    expect(policy.authorize(po, 'breakglass.approve', grantRef, { grant: badCode }).reason).toBe(
      'invalid_grant',
    );
  });
});
