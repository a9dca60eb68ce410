import { describe, expect, it } from 'vitest';
import { CedarPolicy } from './cedar-policy.ts';
import { approvedGrant, HOUR, NOW, principalOf } from './policy-fixtures.ts';

describe('a paused program freezes data access', () => {
  let paused = true;
  const policy = new CedarPolicy({ programPaused: () => paused, now: () => NOW });
  const contributor = principalOf('contributor');
  const own = { type: 'subject_events', subject: 's-own' } as const;
  const breakglass = {
    grant: approvedGrant(),
    readFrom: NOW - 2 * HOUR,
    readTo: NOW - HOUR,
  };

  it('refuses event reads while paused, and allows them again on resume', () => {
    paused = true;
    expect(policy.authorize(contributor, 'events.read', own)).toEqual({
      allow: false,
      reason: 'pause.freezes_event_reads',
    });
    paused = false;
    expect(policy.authorize(contributor, 'events.read', own).allow).toBe(true);
    paused = true;
  });

  it("freezes a contributor's review of their tasks too (issue 17), and lifts it on resume", () => {
    const mine = { type: 'subject', subject: 's-own' } as const;
    paused = true;
    expect(policy.authorize(contributor, 'me.review', mine).reason).toBe('pause.freezes_event_reads');
    paused = false;
    expect(policy.authorize(contributor, 'me.review', mine).allow).toBe(true);
    paused = true;
  });

  it('lets break-glass reads through only inside an open incident investigation', () => {
    const inv = principalOf('investigator');
    const other = { type: 'subject_events', subject: 's-other' } as const;
    expect(policy.authorize(inv, 'breakglass.read_events', other, breakglass).reason).toBe(
      'pause.freezes_event_reads',
    );
    expect(
      policy.authorize(inv, 'breakglass.read_events', other, { ...breakglass, incidentOpen: true }).allow,
    ).toBe(true);
  });

  it('an open incident does not widen anything else', () => {
    const ctx = { incidentOpen: true };
    expect(policy.authorize(principalOf('operator'), 'events.read', own, ctx).allow).toBe(false);
    const other = { type: 'subject_events', subject: 's-other' } as const;
    expect(policy.authorize(contributor, 'events.read', other, ctx).allow).toBe(false);
  });

  it('freezes dataset builds and downloads, open incident or not', () => {
    for (const role of ['ml_engineer', 'training_service'] as const) {
      const p = principalOf(role);
      for (const incidentOpen of [false, true]) {
        expect(policy.authorize(p, 'datasets.build', { type: 'program' }, { incidentOpen }).reason).toBe(
          'pause.freezes_datasets',
        );
        expect(
          policy.authorize(p, 'datasets.download', { type: 'dataset', id: 'ds-1' }, { incidentOpen }).allow,
        ).toBe(false);
      }
      expect(policy.authorize(p, 'datasets.read', { type: 'dataset', id: 'ds-1' }).allow).toBe(true);
    }
  });

  it('still lets the program be run: resume, incidents, audit', () => {
    const po = principalOf('privacy_officer');
    expect(policy.authorize(po, 'program.resume', { type: 'program' }).allow).toBe(true);
    expect(policy.authorize(po, 'incidents.open', { type: 'program' }).allow).toBe(true);
    expect(policy.authorize(po, 'audit.read', { type: 'program' }).allow).toBe(true);
  });

  it('a context can add a pause but never lift one', () => {
    expect(policy.authorize(contributor, 'events.read', own, { programPaused: false }).allow).toBe(false);
    const running = new CedarPolicy({ programPaused: () => false, now: () => NOW });
    expect(running.authorize(contributor, 'events.read', own, { programPaused: true }).allow).toBe(false);
  });
});
