/**
 * The privacy stage never decides in the middle of a word on its own: a pause while typing an
 * e-mail address must not emit its first part (regression: issue 4, seen in CI under load).
 */
import type { StenoEvent } from '@steno/protocol';
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
