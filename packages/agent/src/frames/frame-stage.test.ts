/**
 * The frame stage's choice of actions, with a scripted taker (issue 17): a focus the merged
 * desktop + browser stream repeats where it switches sources is no focus change and gets no frame
 * (under the live rate limit such a frame took the slot of the click right after it), while it
 * still sets the window whose scope the next action is judged by.
 */
import type { StenoEvent } from '@steno/protocol';
import { describe, expect, it } from 'vitest';
import { FakeFrameTaker } from '../test-support/fake-frames.ts';
import { FrameStage } from './frame-stage.ts';

describe('FrameStage', () => {
  it('takes no frame for a restated focus, and judges the next action by its window', async () => {
    const taker = new FakeFrameTaker();
    const stage = new FrameStage({
      taker,
      knownSecrets: () => [],
      allows: (window) => window.app === 'Chromium',
    });
    const observe = (event: StenoEvent, restated = false) =>
      stage.observe({ event, cursor: event.t, ...(restated ? { restated: true } : {}) }, true);
    const focus = observe({ type: 'focus', t: 1, app: 'Chromium', title: 'Expenses' });
    // the extension's run (its focus is the page's origin, which frames are not taken for) ...
    observe({ type: 'focus', t: 2, app: 'https://crm.example.com' });
    observe({ type: 'key', t: 3, dir: 'down', key: 'a', char: 'a', mods: [] });
    // ... then the desktop's again, its focus repeated by the merged stream, and a click
    const restated = observe({ type: 'focus', t: 4, app: 'Chromium', title: 'Expenses' }, true);
    const click = observe({ type: 'button', t: 5, dir: 'down', button: 'left', x: 9, y: 9, mods: [] });

    expect(restated.event).not.toHaveProperty('actionId');
    const ids = [focus, click].map((i) => ('actionId' in i.event ? i.event.actionId : undefined));
    expect(ids.every((id) => typeof id === 'string')).toBe(true);
    expect(taker.requests.map((r) => r.actionId)).toEqual(ids);
    expect(stage.counts.dropped).toEqual({ NOT_IN_SCOPE: 2 });
    await stage.drain(1_000);
    await stage.close();
  });
});
