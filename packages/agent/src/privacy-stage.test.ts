/**
 * The privacy stage never decides in the middle of a word on its own: a pause while typing an
 * e-mail address must not emit its first part (regression: issue 4, seen in CI under load).
 */
import { CompiledScope } from '@steno/privacy';
import { CaptureScope, type FocusEvent, type StenoEvent } from '@steno/protocol';
import { describe, expect, it } from 'vitest';
import type { SourceItem } from './event-source.ts';
import { PrivacyStage } from './privacy-stage.ts';

function keys(text: string, t0: number): StenoEvent[] {
  return [...text].flatMap((ch, i) => [
    {
      type: 'key' as const,
      t: t0 + i * 2,
      dir: 'down' as const,
      key: ch === ' ' ? 'Space' : ch,
      char: ch,
      mods: [],
    },
    { type: 'key' as const, t: t0 + i * 2 + 1, dir: 'up' as const, key: ch === ' ' ? 'Space' : ch, mods: [] },
  ]);
}

describe('PrivacyStage', () => {
  it('waits through a pause mid-word and redacts the whole address once it is complete', () => {
    let now = 1_000;
    const stage = new PrivacyStage(0, { now: () => now, idleFlushMs: 2_000, maxHoldMs: 60_000 });
    const out: SourceItem[] = [];
    let cursor = 0;
    const feed = (events: StenoEvent[]) => {
      for (const event of events) out.push(...stage.push({ event, cursor: ++cursor }));
    };
    feed([{ type: 'focus', t: 1, app: 'mail', title: 'compose' }]);
    feed(keys('mail jane.', 10));
    now += 5_000; // a long pause in the middle of the address
    const due = stage.deadline();
    expect(due).toBeGreaterThan(now);
    feed(keys('doe@example.org ok ', 100));
    now += 5_000; // a pause after a space: now the stage may decide
    expect(stage.deadline()).toBeLessThanOrEqual(now);
    out.push(...stage.idle());
    out.push(...stage.flush());
    const typed = out
      .map((i) => (i.event.type === 'key' && i.event.dir === 'down' ? (i.event.char ?? '') : ''))
      .join('');
    expect(typed).toContain('mail ');
    expect(typed).not.toContain('jane');
    expect(out.some((i) => i.event.type === 'redaction' && i.event.entity === 'EMAIL')).toBe(true);
  });

  it('carries the line into what follows a pause at a word boundary ("my password is" … "hunter2")', () => {
    let now = 1_000;
    const stage = new PrivacyStage(0, { now: () => now });
    const out: SourceItem[] = [];
    let cursor = 0;
    const feed = (events: StenoEvent[]) => {
      for (const event of events) out.push(...stage.push({ event, cursor: ++cursor }));
    };
    feed([{ type: 'focus', t: 1, app: 'chat', title: 'team' }]);
    feed(keys('the api key is ', 10));
    now += 3_000;
    out.push(...stage.idle());
    feed(keys('sk-proj-4f8a9c2e1b7d6a5f3e0c9b8a7d6e5f4a3b2c1d0e ', 200));
    out.push(...stage.flush());
    const typed = out
      .map((i) => (i.event.type === 'key' && i.event.dir === 'down' ? (i.event.char ?? '') : ''))
      .join('');
    expect(typed).not.toContain('4f8a');
  });

  it('remembers the raw text of redacted spans in memory for at most a minute (known secrets for frames)', () => {
    let now = 1_000;
    const stage = new PrivacyStage(0, { now: () => now });
    let cursor = 0;
    const out: SourceItem[] = [];
    const feed = (events: StenoEvent[]) => {
      for (const event of events) out.push(...stage.push({ event, cursor: ++cursor }));
    };
    feed([{ type: 'focus', t: 1, app: 'mail', title: 'compose' }]);
    feed(keys('mail jane.doe@example.org ok', 10));
    expect(stage.recentRedactedSpans()).toEqual([]); // still held: nothing decided yet
    feed([{ type: 'button', t: 500, dir: 'down', button: 'left', x: 1, y: 1, mods: [] }]);
    expect(stage.held).toBe(0);
    expect(stage.recentRedactedSpans()).toEqual(['jane.doe@example.org']);
    expect(JSON.stringify(out)).not.toContain('jane');
    now += 61_000;
    expect(stage.recentRedactedSpans()).toEqual([]);
  });
});

describe('PrivacyStage: the lease turns the name detector off per app (issue 16)', () => {
  // the scope as a lease carries it (parsed by the wire schema), compiled as the lease holder does,
  // and the same closure the live agent gives the stage
  const scope = new CompiledScope(
    CaptureScope.parse({
      apps: [
        { app: 'crm', level: 'full', names: false },
        { app: '*', level: 'full' },
      ],
      sites: [],
    }),
  );
  const namesInWindow = (focus: FocusEvent) => scope.namesFor({ app: focus.app, title: focus.title });

  function typedUnder(app: string, text: string): { typed: string; entities: string[] } {
    const stage = new PrivacyStage(0, { filter: { namesInWindow } });
    const out: SourceItem[] = [];
    let cursor = 0;
    for (const event of [
      { type: 'focus' as const, t: 1, app, title: 'Jennifer Martinez - account' },
      ...keys(text, 10),
    ])
      out.push(...stage.push({ event, cursor: ++cursor }));
    out.push(...stage.flush());
    return {
      typed: out
        .map((i) => (i.event.type === 'key' && i.event.dir === 'down' ? (i.event.char ?? '') : ''))
        .join(''),
      entities: out.flatMap((i) => (i.event.type === 'redaction' ? [i.event.entity] : [])),
    };
  }

  it('keeps names and addresses in an app whose rule says names: false, and still removes secrets there', () => {
    const crm = typedUnder('crm', 'call Jennifer Martinez at 221 Baker Street, mail jane.doe@example.org ');
    expect(crm.typed).toContain('Jennifer Martinez');
    expect(crm.typed).toContain('221 Baker Street');
    expect(crm.typed).not.toContain('jane.doe');
    expect(crm.entities).toEqual(['EMAIL']);
  });

  it('removes them in every other app, the title of the window included', () => {
    const other = typedUnder('editor', 'call Jennifer Martinez at 221 Baker Street ');
    expect(other.typed).not.toContain('Jennifer');
    expect(other.typed).not.toContain('Baker');
    expect(other.entities).toEqual(['PERSON', 'ADDRESS']);
    const stage = new PrivacyStage(0, { filter: { namesInWindow } });
    const [focus] = stage.push({
      event: { type: 'focus', t: 1, app: 'editor', title: 'Jennifer Martinez - account' },
      cursor: 1,
    });
    expect(focus?.event.type === 'focus' && focus.event.title).not.toContain('Jennifer');
  });

  it('switches with the focus: what was typed in an app is judged under that app', () => {
    const stage = new PrivacyStage(0, { filter: { namesInWindow } });
    const out: SourceItem[] = [];
    let cursor = 0;
    for (const event of [
      { type: 'focus' as const, t: 1, app: 'crm' },
      ...keys('Grace Hopper', 10),
      { type: 'focus' as const, t: 100, app: 'editor' },
      ...keys('Grace Hopper', 110),
    ])
      out.push(...stage.push({ event, cursor: ++cursor }));
    out.push(...stage.flush());
    const typed = out
      .map((i) => (i.event.type === 'key' && i.event.dir === 'down' ? (i.event.char ?? '') : ''))
      .join('');
    expect(typed).toBe('Grace Hopper');
    expect(out.filter((i) => i.event.type === 'redaction').length).toBe(1);
  });
});
