import { describe, expect, it } from 'vitest';
import { area, intersect, type Rect } from './geometry.ts';
import { SCREEN, stackOf, win } from './test-support/synthetic.ts';
import { planFrame, type StackWindow } from './window-stack.ts';

const inWork = (w: StackWindow) => w.app === 'Work';

describe('planFrame', () => {
  it('keeps exactly the content of in-scope windows, never decorations or other windows', () => {
    const a = win('Work', { x: 10, y: 10, width: 100, height: 80 });
    const other = win('Chat', { x: 200, y: 20, width: 100, height: 100 });
    const out = planFrame(stackOf([a, other], a), inWork);
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    expect(out.plan.keep).toEqual([a.content]);
    expect(out.plan.target).toBe(a);
  });

  it('drops the frame when an out-of-scope window lies over the window acted on', () => {
    const a = win('Work', { x: 10, y: 10, width: 100, height: 80 });
    const chat = win('Chat', { x: 90, y: 50, width: 100, height: 100 });
    expect(planFrame(stackOf([a, chat], a), inWork)).toEqual({ ok: false, reason: 'TARGET_COVERED' });
    // Touching the decorations of the target only is not covering its content.
    const beside = win('Chat', { x: 111, y: 10, width: 50, height: 50 });
    expect(planFrame(stackOf([a, beside], a), inWork).ok).toBe(true);
  });

  it('an unknown popup over the target (no app) drops the frame too', () => {
    const a = win('Work', { x: 10, y: 10, width: 100, height: 80 });
    const popup = win('', { x: 30, y: 30, width: 40, height: 20 }, { overrideRedirect: true, client: 0 });
    expect(planFrame(stackOf([a, popup], a), inWork)).toEqual({ ok: false, reason: 'TARGET_COVERED' });
  });

  it('out-of-scope windows over another in-scope window are cut out of the kept region', () => {
    const back = win('Work', { x: 0, y: 0, width: 200, height: 150 });
    const chat = win('Chat', { x: 50, y: 50, width: 60, height: 60 });
    const front = win('Work', { x: 220, y: 10, width: 90, height: 90 });
    const out = planFrame(stackOf([back, chat, front], front), inWork);
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    for (const r of out.plan.keep) expect(intersect(r, chat.outer)).toBeUndefined();
    expect(area(out.plan.keep)).toBe(
      area([back.content]) - area([intersect(back.content, chat.outer) as Rect]) + area([front.content]),
    );
  });

  it('an in-scope window above the target is fine; their decorations are still black', () => {
    const a = win('Work', { x: 10, y: 10, width: 150, height: 100 });
    const b = win('Work', { x: 60, y: 40, width: 150, height: 100 });
    const out = planFrame(stackOf([a, b], a), inWork, a.client);
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    for (const r of out.plan.keep) {
      const inA = intersect(r, a.content);
      const inB = intersect(r, b.content);
      expect(inA ?? inB).toBeDefined();
      // Nothing of b's title bar.
      expect(intersect(r, { x: b.outer.x, y: b.outer.y, width: b.outer.width, height: 12 })).toBeUndefined();
    }
  });

  it('other outcomes: no target, target out of scope, target hidden off screen', () => {
    const a = win('Work', { x: 10, y: 10, width: 100, height: 80 });
    const chat = win('Chat', { x: 150, y: 10, width: 100, height: 80 });
    expect(planFrame(stackOf([a, chat], a), inWork, 4242)).toEqual({ ok: false, reason: 'NO_TARGET' });
    expect(planFrame({ screen: SCREEN, windows: [a], active: 0 }, inWork)).toEqual({
      ok: false,
      reason: 'NO_TARGET',
    });
    expect(planFrame(stackOf([a, chat], chat), inWork)).toEqual({ ok: false, reason: 'TARGET_OUT_OF_SCOPE' });
    const off = win('Work', { x: 1000, y: 1000, width: 100, height: 80 });
    expect(planFrame(stackOf([off], off), inWork)).toEqual({ ok: false, reason: 'TARGET_HIDDEN' });
    const buried = win('Work', { x: 20, y: 20, width: 50, height: 50 });
    const lid = win('Work', { x: 0, y: 0, width: 200, height: 150 });
    expect(planFrame(stackOf([buried, lid], buried), inWork, buried.client)).toEqual({
      ok: false,
      reason: 'TARGET_HIDDEN',
    });
  });
});
