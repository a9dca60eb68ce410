/**
 * Desktop element targets in the live pipeline (issue 17), with a scripted raw-input feed and an
 * accessibility reader whose answers the test gives when it wants (the real AT-SPI reader runs in
 * test/desktop-target-e2e.test.ts): an element follows its trigger's fate through the scope gate,
 * its strings are filtered, nothing waits for a click's read, and typing into a password field
 * leaves as one PASSWORD marker.
 */
import { join } from 'node:path';
import type { ElementEvent, StenoEvent } from '@steno/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { runLiveAgent } from '../live-agent.ts';
import type { RawFeed } from '../live-source.ts';
import { FakeStenoServer } from '../test-support/fake-steno-server.ts';
import { tempDir } from '../test-support/test-fixtures.ts';
import type {
  AccessibilityReader,
  AccessibleElement,
  AccessibleRead,
  ElementQuery,
} from './accessibility.ts';
import { US_LAYOUT } from './keyboard-layout.ts';
import type { RawInput } from './raw-input.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** Answers reads when told to; records what was asked. */
class ScriptedReader implements AccessibilityReader {
  readonly queries: ElementQuery[] = [];
  readonly #waiting: ((r: AccessibleRead | undefined) => void)[] = [];
  read(query: ElementQuery): Promise<AccessibleRead | undefined> {
    this.queries.push(query);
    return new Promise((resolve) => this.#waiting.push(resolve));
  }
  answer(read: AccessibleRead | undefined): void {
    this.#waiting.shift()?.(read);
  }
  get waiting(): number {
    return this.#waiting.length;
  }
  warm(): void {}
  close(): void {}
}

const OK_BUTTON: AccessibleElement = {
  role: 'push button',
  name: 'Send to jane.doe@example.org',
  states: ['enabled', 'focusable', 'sensitive', 'showing'],
  box: { x: 90, y: 90, w: 120, h: 30 },
  ancestors: [
    { role: 'dialog', name: 'Mail for jane.doe@example.org' },
    { role: 'filler', name: undefined },
  ],
};

const waitFor = async (cond: () => boolean, ms = 5_000) => {
  const until = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function setup() {
  const server = await new FakeStenoServer().start();
  server.scope = { apps: [{ app: 'editor', level: 'full' }], sites: [] };
  cleanups.push(() => server.close());
  const { dir, cleanup } = await tempDir();
  cleanups.push(cleanup);
  let emit: (input: RawInput) => void = () => {};
  const feed: RawFeed = {
    start(onInput, onState) {
      emit = onInput;
      onState('running', undefined);
    },
    stop: async () => {},
  };
  const reader = new ScriptedReader();
  const running = await runLiveAgent({
    server: server.url,
    enrolToken: server.addToken(),
    dataDir: join(dir, 'agent'),
    log: () => {},
    batch: { maxDelayMs: 30 },
    holdbackMs: 0,
    notify: false,
    browser: { enabled: false },
    frames: { enabled: false },
    live: { feed, guardMs: 10, accessibility: reader },
  });
  cleanups.push(() => running.stop());
  await waitFor(() => running.live.status().lease.state === 'active');
  const codes = new Map<string, number>();
  for (const [code, def] of US_LAYOUT.keys) if (def.char && !codes.has(def.char)) codes.set(def.char, code);
  const type = (text: string) => {
    for (const ch of text) {
      const code = ch === '\n' ? 28 : (codes.get(ch) ?? 30);
      emit(['k', Date.now(), 1, code, 0]);
      emit(['k', Date.now(), 0, code, 0]);
    }
  };
  const click = (x: number, y: number) => {
    emit(['b', Date.now(), 1, 1, x, y, 0]);
    emit(['b', Date.now(), 0, 1, x, y, 0]);
  };
  emit(['f', Date.now(), 'editor', 'mail', 4242]);
  return { server, running, reader, emit: (i: RawInput) => emit(i), type, click };
}

const elements = (events: readonly StenoEvent[]) =>
  events.filter((e): e is ElementEvent => e.type === 'element');
const typed = (events: readonly StenoEvent[]) =>
  events.map((e) => (e.type === 'key' && e.dir === 'down' && e.char ? e.char : '')).join('');

describe('desktop element targets in the live pipeline (issue 17)', () => {
  it('a click is not held for its read; the element follows it, filtered, read in the window’s process', async () => {
    const { server, running, reader, click } = await setup();
    click(100, 100);
    await waitFor(() => server.events().some((e) => e.type === 'button' && e.dir === 'up'));
    expect(elements(server.events())).toEqual([]);
    expect(reader.queries).toEqual([{ kind: 'point', x: 100, y: 100, pid: 4242 }]);
    reader.answer({ kind: 'element', element: OK_BUTTON });
    await waitFor(() => elements(server.events()).length === 1);
    const [e] = elements(server.events());
    const press = server.events().find((x) => x.type === 'button' && x.dir === 'down');
    expect(e).toMatchObject({
      source: 'desktop',
      action: 'click',
      role: 'push button',
      name: 'Send to [EMAIL]',
      selector: 'dialog "Mail for [EMAIL]" > filler > push button "Send to [EMAIL]"',
      states: ['enabled', 'focusable', 'sensitive', 'showing'],
      screen: { x: 90, y: 90, w: 120, h: 30 },
      x: 100,
      y: 100,
    });
    expect(e?.t).toBeGreaterThanOrEqual(press?.t ?? Number.POSITIVE_INFINITY);
    expect(JSON.stringify(server.events())).not.toContain('jane.doe');
    expect(running.live.status().elementTargets).toBe(1);
    // a table cell's name is its content: not kept, in the element or in a path
    click(300, 300);
    reader.answer({
      kind: 'element',
      element: {
        ...OK_BUTTON,
        role: 'table cell',
        name: 'Biopsy results March.pdf',
        ancestors: [{ role: 'table cell', name: 'Oncology' }],
      },
    });
    await waitFor(() => elements(server.events()).length === 2);
    expect(elements(server.events())[1]).toMatchObject({
      role: 'table cell',
      selector: 'table cell > table cell',
    });
    expect(elements(server.events())[1]?.name).toBeUndefined();
    expect(JSON.stringify(server.events())).not.toMatch(/Biopsy|Oncology/);
  });

  it('an element whose click was cut by a focus change to an out-of-scope window is not kept', async () => {
    const { server, reader, click, emit, type } = await setup();
    click(100, 100);
    // within the focus-race guard: the press belongs to the window now focused, out of scope
    emit(['f', Date.now(), 'private-notes', 'diary', 777]);
    reader.answer({ kind: 'element', element: { ...OK_BUTTON, name: 'Diary entry' } });
    await sleep(100);
    emit(['f', Date.now(), 'editor', 'mail', 4242]);
    type('ok\n');
    await waitFor(() => reader.waiting === 1);
    reader.answer(undefined);
    await waitFor(() => typed(server.events()).includes('ok'));
    expect(server.events().some((e) => e.type === 'button')).toBe(false);
    expect(elements(server.events())).toEqual([]);
    expect(JSON.stringify(server.events())).not.toContain('Diary');
  });

  it('typing into a password field leaves as one PASSWORD marker; a text field’s typing carries the field', async () => {
    const { server, reader, type } = await setup();
    type('qzpwkv');
    await sleep(80);
    // the run's keys wait for the read
    expect(typed(server.events())).toBe('');
    expect(reader.queries).toEqual([{ kind: 'focus', pid: 4242 }]);
    reader.answer({ kind: 'secret' });
    type('93rt');
    type('\n');
    await waitFor(() => server.events().some((e) => e.type === 'key' && e.key === 'Enter'));
    const stored = JSON.stringify(server.events());
    for (const part of ['qzpw', 'zpwk', 'pwkv', 'kv93', '93rt']) expect(stored).not.toContain(part);
    // not a key of the run, not even its releases (a release names its key) or its count
    const keys = server.events().filter((e) => e.type === 'key');
    expect(keys.map((e) => (e.type === 'key' ? `${e.dir} ${e.key}` : ''))).toEqual([
      'down Enter',
      'up Enter',
    ]);
    expect(server.events().filter((e) => e.type === 'redaction')).toEqual([
      expect.objectContaining({ entity: 'PASSWORD' }),
    ]);
    expect(elements(server.events())).toEqual([]);
    // after Enter a new run: a text field, its keys kept
    type('lunch\n');
    await waitFor(() => reader.waiting === 1);
    reader.answer({
      kind: 'element',
      element: { ...OK_BUTTON, role: 'text', name: undefined, states: ['editable', 'focused'] },
    });
    await waitFor(() => typed(server.events()).includes('lunch'));
    expect(elements(server.events())).toEqual([
      expect.objectContaining({ action: 'type', role: 'text', states: ['editable', 'focused'] }),
    ]);
  });

  it('no answer (no accessibility bus, a timeout) holds nothing back and adds nothing', async () => {
    const { server, reader, type, click } = await setup();
    type('plain');
    await waitFor(() => reader.waiting === 1);
    reader.answer(undefined);
    click(10, 10);
    reader.answer(undefined);
    await waitFor(
      () => typed(server.events()) === 'plain' && server.events().some((e) => e.type === 'button'),
    );
    expect(elements(server.events())).toEqual([]);
  });
});
