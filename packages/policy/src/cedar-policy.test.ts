import { describe, expect, it } from 'vitest';
import type { ResourceRef } from './access-types.ts';
import { ACTIONS, type Action, ROLES, type Role } from './actions.ts';
import { CedarPolicy, type DenyLogEntry } from './cedar-policy.ts';
import { NOW, principalOf } from './policy-fixtures.ts';

const policy = new CedarPolicy({ programPaused: () => false, now: () => NOW });

/** The resource each action is asked about, for data that is the caller's own or someone else's. */
function resourceFor(action: Action, whose: 'own' | 'other'): ResourceRef {
  const subject = whose === 'own' ? 's-own' : 's-other';
  switch (action) {
    case 'events.read':
    case 'breakglass.read_events':
      return { type: 'subject_events', subject };
    case 'me.access.read':
    case 'me.export':
    case 'me.erase':
    case 'me.consent':
    case 'me.review':
    case 'enrol_tokens.create':
      return { type: 'subject', subject };
    case 'devices.revoke':
      return { type: 'device', id: `dev-${subject}`, subject };
    case 'incidents.read':
    case 'incidents.update':
      return { type: 'incident', id: 'inc-1' };
    case 'datasets.read':
    case 'datasets.download':
      return { type: 'dataset', id: 'ds-1' };
    default:
      return { type: 'program' };
  }
}

/** What everyone signed in may see, on the program. */
const EVERYONE: readonly Action[] = ['scope.read', 'program.status', 'audit.proof'];

/** Who may do what when every scope is held and the program runs (break-glass has its own tests). */
const ALLOWED: Record<Role, { own: readonly Action[]; other: readonly Action[] }> = {
  contributor: {
    own: ['events.read', 'me.access.read', 'me.export', 'me.erase', 'me.consent', 'me.review'],
    other: [...EVERYONE, 'tokens.manage'],
  },
  privacy_officer: {
    own: [],
    other: [
      ...EVERYONE,
      'scope.write',
      'program.pause',
      'program.resume',
      'consent.notice.publish',
      'incidents.open',
      'incidents.read',
      'incidents.update',
      'audit.read',
      'metrics.read',
      'breakglass.list',
      'retention.run',
      'datasets.read',
      'people.invite',
      'tokens.manage',
    ],
  },
  investigator: {
    own: [],
    other: [
      ...EVERYONE,
      'incidents.open',
      'incidents.read',
      'incidents.update',
      'audit.read',
      'tokens.manage',
      'breakglass.list',
    ],
  },
  ml_engineer: {
    own: [],
    other: [...EVERYONE, 'datasets.build', 'datasets.read', 'datasets.download', 'tokens.manage'],
  },
  training_service: { own: [], other: [...EVERYONE, 'datasets.build', 'datasets.read', 'datasets.download'] },
  operator: {
    own: [],
    other: [
      ...EVERYONE,
      'enrol_tokens.create',
      'devices.list',
      'devices.revoke',
      'audit.read',
      'metrics.read',
      'retention.run',
      'tokens.manage',
    ],
  },
};

const TABLE_ACTIONS = ACTIONS.filter((a) => a !== 'breakglass.request' && a !== 'breakglass.approve');

describe('role × action × whose data', () => {
  const rows = ROLES.flatMap((role) =>
    TABLE_ACTIONS.flatMap((action) =>
      (['own', 'other'] as const).map((whose) => {
        // Program-wide actions have no owner: "own" and "other" name the same resource.
        const expected =
          ALLOWED[role].own.includes(action) && whose === 'own' ? true : ALLOWED[role].other.includes(action);
        return { role, action, whose, expected };
      }),
    ),
  );

  it.each(rows)('$role $action on $whose data → allow=$expected', ({ role, action, whose, expected }) => {
    const decision = policy.authorize(principalOf(role), action, resourceFor(action, whose));
    expect(decision.allow, decision.reason).toBe(expected);
    expect(decision.reason).not.toBe('');
  });
});

describe('decisions and their reasons', () => {
  const contributor = principalOf('contributor');

  it('names the determining permit for an allow', () => {
    expect(
      policy.authorize(contributor, 'events.read', { type: 'subject_events', subject: 's-own' }),
    ).toEqual({
      allow: true,
      reason: 'contributor.read_own',
    });
  });

  it('names the forbidding policies for a deny, and default_deny when nothing applied', () => {
    const other = policy.authorize(contributor, 'events.read', {
      type: 'subject_events',
      subject: 's-other',
    });
    expect(other.allow).toBe(false);
    expect(other.reason.split(',')).toContain('contributor.never_other_subject');
    const investigator = policy.authorize(principalOf('investigator'), 'scope.write', { type: 'program' });
    expect(investigator).toEqual({ allow: false, reason: 'default_deny' });
  });

  it('denies an unknown action, whoever asks', () => {
    for (const role of ROLES) {
      const d = policy.authorize(principalOf(role), 'events.delete_all', { type: 'program' });
      expect(d).toEqual({ allow: false, reason: 'unknown_action' });
    }
  });

  it('denies a missing scope with the scope policy id', () => {
    const noScope = principalOf('contributor', { scopes: [] });
    const d = policy.authorize(noScope, 'me.export', { type: 'subject', subject: 's-own' });
    expect(d).toEqual({ allow: false, reason: 'scope.me_read' });
    const dataset = principalOf('ml_engineer', { scopes: ['datasets:read'] });
    expect(policy.authorize(dataset, 'datasets.build', { type: 'program' })).toEqual({
      allow: false,
      reason: 'scope.datasets_build',
    });
    // the contributor's own actions all use the scope enrolment issues
    const enrolled = principalOf('contributor', { scopes: ['me:read'] });
    expect(policy.authorize(enrolled, 'me.erase', { type: 'subject', subject: 's-own' }).allow).toBe(true);
    expect(policy.authorize(enrolled, 'program.status', { type: 'program' }).allow).toBe(true);
  });

  it('denies requests the schema rejects, malformed resources and unknown roles', () => {
    const trainer = principalOf('training_service');
    expect(policy.authorize(trainer, 'events.read', { type: 'subject_events', subject: 's-other' })).toEqual({
      allow: false,
      reason: 'invalid_request',
    });
    // metrics about one person do not exist (invariant 6)
    expect(
      policy.authorize(principalOf('operator'), 'metrics.read', { type: 'subject', subject: 's' }).reason,
    ).toBe('invalid_request');
    const contributor = principalOf('contributor');
    expect(policy.authorize(contributor, 'events.read', { type: 'subject_events' }).reason).toBe(
      'invalid_resource',
    );
    expect(policy.authorize(contributor, 'events.read', { type: 'subject_events', subject: '' }).reason).toBe(
      'invalid_resource',
    );
    const rogue = { ...contributor, role: 'admin' } as unknown as typeof contributor;
    expect(policy.authorize(rogue, 'events.read', { type: 'subject_events', subject: 's-own' }).reason).toBe(
      'invalid_principal',
    );
    expect(
      policy.authorize(
        contributor,
        'events.read',
        { type: 'subject_events', subject: 's-own' },
        { readFrom: 1.5, readTo: 2 },
      ).reason,
    ).toBe('invalid_context');
  });

  it('a contributor without a subject owns nothing', () => {
    const orphan = principalOf('contributor', { subject: undefined });
    expect(policy.authorize(orphan, 'events.read', { type: 'subject_events', subject: 's-own' }).allow).toBe(
      false,
    );
    expect(policy.authorize(orphan, 'me.access.read', { type: 'subject', subject: 's-own' }).allow).toBe(
      false,
    );
  });

  it("a device without a known owner is nobody's own", () => {
    const d = policy.authorize(principalOf('contributor'), 'devices.revoke', { type: 'device', id: 'dev-1' });
    expect(d.allow).toBe(false);
  });

  it('logs every deny with its reason and no subject, scope or context', () => {
    const log: DenyLogEntry[] = [];
    const logged = new CedarPolicy({ programPaused: () => false, onDeny: (e) => log.push(e) });
    logged.authorize(principalOf('operator'), 'events.read', { type: 'subject_events', subject: 's-secret' });
    logged.authorize(principalOf('contributor'), 'events.read', { type: 'subject_events', subject: 's-own' });
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ action: 'events.read', principalId: 'person:operator', role: 'operator' });
    expect(JSON.stringify(log)).not.toContain('s-secret');
    expect(log[0]?.reason).toContain('sod.no_raw_events_for_operators_and_privacy_officers');
  });

  it('lists the policy ids in force', () => {
    expect(policy.policyIds).toContain('sod.no_raw_events_for_operators_and_privacy_officers');
    expect(policy.policyIds).toContain('breakglass.investigator_reads_with_grant');
  });
});
