import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { StenoEvent } from '@steno/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { AgentError } from './agent-error.ts';
import type { SourceItem } from './event-source.ts';
import { parseRecording, ReplaySource } from './replay-source.ts';
import { focus, jsonl, key, tempDir } from './test-support/test-fixtures.ts';

const DEMO = fileURLToPath(new URL('../../../examples/demo-recording.jsonl', import.meta.url));
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

async function recordingFile(text: string): Promise<string> {
  const { dir, cleanup } = await tempDir();
  cleanups.push(cleanup);
  const file = join(dir, 'rec.jsonl');
  await writeFile(file, text);
  return file;
}

async function collect(source: ReplaySource, from = 0): Promise<SourceItem[]> {
  const items: SourceItem[] = [];
  for await (const item of source.events(from, new AbortController().signal)) items.push(item);
  return items;
}

function codeAndMessage(fn: () => unknown): { code: string; message: string } {
  try {
    fn();
  } catch (err) {
    if (err instanceof AgentError) return { code: err.code, message: err.message };
  }
  throw new Error('expected an AgentError');
}

describe('parseRecording', () => {
  it('names the line of a bad line', () => {
    const good = JSON.stringify(key(1, 'a', 'a'));
    expect(codeAndMessage(() => parseRecording(`${good}\n${good}\n{oops\n`))).toEqual({
      code: 'REPLAY_INVALID',
      message: 'replay line 3: not valid JSON',
    });
    const bad = JSON.stringify({ type: 'key', t: 2, dir: 'sideways', key: 'a', mods: [] });
    expect(codeAndMessage(() => parseRecording(`${good}\n\n${bad}\n`)).message).toMatch(
      /^replay line 3: .* at dir/,
    );
    expect(codeAndMessage(() => parseRecording(`${JSON.stringify(key(5, 'a'))}\n${good}`)).message).toBe(
      'replay line 2: event time goes backwards',
    );
  });

  it('accepts the bundled demo recording: ~300 events across several apps', async () => {
    const source = await ReplaySource.load(DEMO, { speed: Number.POSITIVE_INFINITY });
    expect(source.size).toBeGreaterThanOrEqual(250);
    const items = await collect(source);
    const events = items.map((i) => i.event);
    const apps = new Set(events.flatMap((e) => (e.type === 'focus' ? [e.app] : [])));
    expect(apps.size).toBeGreaterThanOrEqual(2);
    for (const type of ['focus', 'key', 'button', 'path', 'wheel']) {
      expect(events.some((e) => e.type === type)).toBe(true);
    }
    expect(events.some((e) => e.type === 'key' && e.mods.includes('ctrl') && e.key === 's')).toBe(true);
  });
});

describe('ReplaySource', () => {
  const recorded: StenoEvent[] = [
    focus(1_000),
    key(1_100, 'h', 'h'),
    key(1_350, 'i', 'i'),
    focus(5_000, 'b'),
    key(5_020, 'x'),
  ];

  it('rebases to now, keeps gaps exactly, and never stamps the future at speed Infinity', async () => {
    const before = Date.now();
    const items = await collect(
      await ReplaySource.load(await recordingFile(jsonl(recorded)), { speed: Infinity }),
    );
    const after = Date.now();
    expect(items.map((i) => i.cursor)).toEqual([1, 2, 3, 4, 5]);
    const times = items.map((i) => i.event.t);
    expect(times.map((t) => t - (times[0] ?? 0))).toEqual([0, 100, 350, 4_000, 4_020]);
    expect(times.at(-1)).toBeGreaterThanOrEqual(before);
    expect(times.at(-1)).toBeLessThanOrEqual(after);
    expect(items.map((i) => ({ ...i.event, t: 0 }))).toEqual(recorded.map((e) => ({ ...e, t: 0 })));
  });

  it('paces events by speed', async () => {
    const events = [key(0, 'a'), key(2_000, 'b')];
    const source = await ReplaySource.load(await recordingFile(jsonl(events)), { speed: 10 });
    const started = Date.now();
    const items = await collect(source);
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    expect((items[1]?.event.t ?? 0) - (items[0]?.event.t ?? 0)).toBe(2_000);
    expect(items[1]?.event.t).toBeLessThanOrEqual(Date.now());
  });

  it('resumes after a cursor, re-establishing the focus in effect as context', async () => {
    const file = await recordingFile(`${jsonl(recorded.slice(0, 2))}\n${jsonl(recorded.slice(2))}`);
    const source = await ReplaySource.load(file, { speed: Infinity });
    const all = await collect(source);
    expect(all.map((i) => i.cursor)).toEqual([1, 2, 4, 5, 6]); // line 3 is blank
    const resumed = await collect(source, 2);
    expect(resumed.map((i) => [i.cursor, i.event.type, i.context ?? false])).toEqual([
      [2, 'focus', true],
      [4, 'key', false],
      [5, 'focus', false],
      [6, 'key', false],
    ]);
    expect(resumed[0]?.event.t).toBeLessThanOrEqual(resumed[1]?.event.t ?? 0);
    expect(await collect(source, 4)).toEqual([
      expect.objectContaining({ cursor: 5 }),
      expect.objectContaining({ cursor: 6 }),
    ]);
    expect(await collect(source, source.endCursor)).toEqual([]);
  });

  it('stops when aborted', async () => {
    const source = await ReplaySource.load(await recordingFile(jsonl([key(0, 'a'), key(60_000, 'b')])));
    const abort = new AbortController();
    const items: SourceItem[] = [];
    setTimeout(() => abort.abort(), 50);
    for await (const item of source.events(0, abort.signal)) items.push(item);
    expect(items).toHaveLength(1);
  });

  it('reports a missing file and a bad speed as AgentErrors', async () => {
    await expect(ReplaySource.load('/nonexistent/rec.jsonl')).rejects.toMatchObject({
      code: 'REPLAY_UNREADABLE',
    });
    await expect(ReplaySource.load(DEMO, { speed: 0 })).rejects.toMatchObject({ code: 'OPTIONS_INVALID' });
  });
});
