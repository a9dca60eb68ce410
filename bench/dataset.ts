/**
 * `npm run bench -- dataset` (BENCHMARKS.md, row `dataset`): raw events → actions → Parquet,
 * events/s, against the anchor of reading the same events and writing them unreduced to Parquet
 * (one row per raw event, columns of the same kinds, the same in-memory writer hyparquet-writer
 * with Snappy) in the same run. Target: at least half of the anchor's rate.
 *
 * The Steno path is the server's: `buildDataset` (actions, episodes, pseudonyms, k per
 * application, titles, quantisation) then `sealDataset` (episodes.jsonl + steps.parquet, each
 * encrypted, manifest, card). `buildDataset` + `stepsToParquet` alone (plaintext Parquet, like the
 * anchor) is reported beside it. The target is judged on the full path (build + seal).
 *
 * The events come from a seeded generator (no randomness between runs) that this file exports for
 * bench/storage.ts too: focus changes with titles, coalesced pointer paths, clicks, double and right
 * clicks, drags, wheel scrolls, typing runs (key down/up pairs with `char`, Shift, Backspace),
 * redaction markers and pastes in typing, named keys, shortcuts with their modifier keys, task
 * markers and idle gaps. With `trajectories` on (this benchmark; bench/storage.ts keeps it off),
 * issue 17's population too: tasks started, named, ended and abandoned across applications;
 * browser element events joined to clicks (with the focus runs the agent's merged source adds);
 * before-frames of a realistic size in the applications whose scope allows them; and the desktop
 * element events of the agent's AT-SPI reader, decided by the agent's own trigger rules and shaped
 * by its own code (packages/agent/src/capture/element-targets.ts): one per button press (a click,
 * each press of a double click, a drag's press) and one per typing start in applications that
 * publish an accessibility tree (Gecko, GTK, LibreOffice; none in the Electron applications nor the
 * rare tool, about a quarter of the clicks and typing), with reads that find nothing (6 %) or come
 * after the release (20 % of clicks), and typing runs in password fields that leave one PASSWORD
 * marker and no element.
 *
 *   npm run bench -- dataset [--contributors 20] [--events 50000] [--runs 5] [--batch 500]
 *                            [--frame-kib 24]
 */
import type { EntityType, Modifier, StenoEvent } from '@steno/protocol';
import { type ColumnSource, parquetWriteBuffer } from 'hyparquet-writer';
import type { AccessibleElement } from '../packages/agent/src/capture/accessibility.ts';
import {
  desktopElementEvent,
  type ElementTrigger,
  ElementTriggers,
} from '../packages/agent/src/capture/element-targets.ts';
import {
  buildDataset,
  type DatasetSpec,
  parseDatasetSpec,
  type SubjectStream,
  sealDataset,
  stepsToParquet,
} from '../packages/datasets/src/index.ts';
import { printTable, stats, writeResults } from './lib/report.ts';

// ---------------------------------------------------------------------------------------------
// Seeded event generator (shared with bench/storage.ts)

/** mulberry32: small, fast, deterministic. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const APPS: { app: string; titles: string[] }[] = [
  {
    app: 'firefox',
    titles: [
      'Inbox (3) - Mail - Mozilla Firefox',
      'Quarterly report - Google Docs - Mozilla Firefox',
      'Pull request #418 · acme/widgets - Mozilla Firefox',
      'Search results - Mozilla Firefox',
    ],
  },
  { app: 'org.gnome.TextEditor', titles: ['notes.txt - Text Editor', 'todo.md - Text Editor'] },
  { app: 'libreoffice-writer', titles: ['Quarterly plan.odt - LibreOffice Writer'] },
  { app: 'libreoffice-calc', titles: ['budget-2026.ods - LibreOffice Calc'] },
  {
    app: 'code',
    titles: ['index.ts - widgets - Visual Studio Code', 'README.md - widgets - Visual Studio Code'],
  },
  { app: 'gnome-terminal-server', titles: ['Terminal', 'build — ~/src/widgets'] },
  { app: 'Slack', titles: ['Slack | general | Acme', 'Slack | design | Acme'] },
  { app: 'thunderbird', titles: ['Inbox - Thunderbird', 'Write: Re: Offsite plan - Thunderbird'] },
];
/** Used by a few contributors only: fewer than k, so the dataset drops it. */
const RARE_APP = { app: 'com.example.RareTool', titles: ['RareTool'] };

const WORDS = (
  'the of and to in is it for on that with as this be at by from or an are we will can our your ' +
  'report meeting budget plan review draft update please thanks team project client deadline ' +
  'invoice schedule design build test release merge branch issue fix bug feature query table ' +
  'column value total sum average chart slide notes agenda minutes follow next week monday friday'
).split(' ');
const ENTITIES: EntityType[] = ['EMAIL', 'PHONE', 'SECRET', 'CARD', 'IBAN', 'PASSWORD'];
const NAMED = ['Enter', 'Tab', 'Escape', 'ArrowDown', 'ArrowUp', 'ArrowLeft', 'ArrowRight', 'Delete', 'End'];
const SHORTCUTS: [Modifier[], string][] = [
  [['ctrl'], 'c'],
  [['ctrl'], 'v'],
  [['ctrl'], 's'],
  [['ctrl'], 'z'],
  [['ctrl'], 'f'],
  [['ctrl'], 'a'],
  [['ctrl', 'shift'], 't'],
  [['alt'], 'Tab'],
  [['ctrl'], 'Enter'],
];
const MOD_KEY: Record<Modifier, string> = { ctrl: 'Control', alt: 'Alt', shift: 'Shift', meta: 'Meta' };

// ---------------------------------------------------------------------------------------------
// Desktop element targets as the agent's AT-SPI reader finds them (issue 17)

/** A kind of element an application's accessibility tree answers with. */
interface Widget {
  role: string;
  names: readonly (string | undefined)[];
  /** AT-SPI state names, in at-spi2-core's bit order (as the reader lists them). */
  states: readonly string[];
  /** control: a button or a tab; field: a one-line entry; pane: a document, a terminal, a sheet. */
  size: 'control' | 'field' | 'pane';
}

interface AccessibleApp {
  /** The path from the window to the element's parent, for the window's title. */
  ancestors(title: string): AccessibleElement['ancestors'];
  /** What a press finds under the pointer. */
  click: readonly Widget[];
  /** What has the keyboard focus where typing starts. */
  type: readonly Widget[];
  /** Share of typing runs that start in a password field (no element, one PASSWORD marker). */
  passwordRuns: number;
}

const SHOWN = ['enabled', 'sensitive', 'showing', 'visible'];
const BUTTON = ['enabled', 'focusable', 'sensitive', 'showing', 'visible'];
const CHECK = ['checked', 'enabled', 'focusable', 'sensitive', 'showing', 'visible', 'checkable'];
const TAB = ['enabled', 'selectable', 'selected', 'sensitive', 'showing', 'visible'];
const ENTRY = ['editable', 'enabled', 'focusable', 'sensitive', 'showing', 'single_line', 'visible'];
const ENTRY_TYPING = [
  'editable',
  'enabled',
  'focusable',
  'focused',
  'sensitive',
  'showing',
  'single_line',
  'visible',
];
const TEXT = ['editable', 'enabled', 'focusable', 'multi_line', 'sensitive', 'showing', 'visible'];
const TEXT_TYPING = [
  'editable',
  'enabled',
  'focusable',
  'focused',
  'multi_line',
  'sensitive',
  'showing',
  'visible',
];
const CELL = ['enabled', 'focusable', 'selectable', 'sensitive', 'showing', 'transient', 'visible'];
const CELL_TYPING = [
  'editable',
  'enabled',
  'focusable',
  'focused',
  'selectable',
  'selected',
  'sensitive',
  'showing',
  'visible',
];

const w = (
  role: string,
  names: readonly (string | undefined)[],
  states: readonly string[],
  size: Widget['size'],
): Widget => ({
  role,
  names,
  states,
  size,
});
/** Gecko (Firefox, Thunderbird): the window, its content frame, the page. */
const gecko = (title: string): AccessibleElement['ancestors'] => [
  { role: 'frame', name: title },
  { role: 'internal frame', name: undefined },
  { role: 'document web', name: title.replace(/ - (Mozilla Firefox|Thunderbird)$/, '') },
  { role: 'section', name: undefined },
];

/**
 * Applications that publish an accessibility tree: GTK (Text Editor, the terminal), LibreOffice and
 * Gecko. Electron applications (`code`, `Slack`) publish none unless accessibility is switched on,
 * nor does the rare tool: their clicks and typing get no element, as the agent finds none there.
 * Names are what such trees hold, some of them identifiers (the agent's filter redacts them); a
 * table cell, paragraph or terminal keeps no name (element-targets.ts).
 */
const ACCESSIBLE: Record<string, AccessibleApp> = {
  firefox: {
    ancestors: gecko,
    click: [
      w(
        'push button',
        ['Save', 'Reply', 'New report', 'Send', 'Submit', 'Merge pull request'],
        BUTTON,
        'control',
      ),
      w('link', ['Open report', 'Settings', 'Next', 'Files changed', 'ops@example.com'], BUTTON, 'control'),
      w('entry', ['Search', 'Subject', 'To', undefined], ENTRY, 'field'),
      w('check box', ['Remember me', 'Select all'], CHECK, 'control'),
      w('page tab', ['Inbox', 'Drafts', 'Conversation'], TAB, 'control'),
      w('section', [undefined], SHOWN, 'pane'),
    ],
    type: [
      w('entry', ['Search', 'Subject', 'To', 'Leave a comment', undefined], ENTRY_TYPING, 'field'),
      w('section', [undefined], TEXT_TYPING, 'pane'),
    ],
    passwordRuns: 0.03,
  },
  thunderbird: {
    ancestors: gecko,
    click: [
      w('push button', ['Get Messages', 'Write', 'Reply', 'Send', 'Archive'], BUTTON, 'control'),
      w('tree item', ['Re: Offsite plan'], CELL, 'control'),
      w('entry', ['To', 'Subject', 'Quick Filter'], ENTRY, 'field'),
      w('menu item', ['File', 'Edit', 'Message'], BUTTON, 'control'),
    ],
    type: [
      w('entry', ['To', 'Subject', 'Quick Filter'], ENTRY_TYPING, 'field'),
      w('section', [undefined], TEXT_TYPING, 'pane'),
    ],
    passwordRuns: 0.01,
  },
  'org.gnome.TextEditor': {
    ancestors: (title) => [
      { role: 'frame', name: title },
      { role: 'panel', name: undefined },
      { role: 'scroll pane', name: undefined },
    ],
    click: [
      w('text', [undefined], TEXT, 'pane'),
      w('text', [undefined], TEXT, 'pane'),
      w('push button', ['Open', 'Save', 'Main Menu', 'New Tab'], BUTTON, 'control'),
      w('toggle button', ['Show Sidebar'], BUTTON, 'control'),
      w('page tab', ['notes.txt', 'todo.md'], TAB, 'control'),
    ],
    type: [w('text', [undefined], TEXT_TYPING, 'pane')],
    passwordRuns: 0,
  },
  'libreoffice-writer': {
    ancestors: (title) => [
      { role: 'frame', name: title },
      { role: 'root pane', name: undefined },
      { role: 'scroll pane', name: undefined },
      { role: 'document text', name: 'Document view' },
    ],
    click: [
      w('paragraph', ['Quarterly plan'], TEXT, 'pane'),
      w('paragraph', [undefined], TEXT, 'pane'),
      w('push button', ['Bold', 'Italic', 'Save', 'Insert Table'], BUTTON, 'control'),
      w('combo box', ['Font Name', 'Paragraph Style'], BUTTON, 'field'),
      w('menu item', ['Format', 'Insert', 'File'], BUTTON, 'control'),
    ],
    type: [w('paragraph', [undefined], TEXT_TYPING, 'pane')],
    passwordRuns: 0,
  },
  'libreoffice-calc': {
    ancestors: (title) => [
      { role: 'frame', name: title },
      { role: 'root pane', name: undefined },
      { role: 'scroll pane', name: undefined },
      { role: 'table', name: 'Sheet Sheet1' },
    ],
    click: [
      w('table cell', ['B4', 'C12'], CELL, 'control'),
      w('table cell', ['D7'], CELL, 'control'),
      w('push button', ['Sum', 'Sort Ascending', 'Save'], BUTTON, 'control'),
      w('text', ['Input line'], ENTRY, 'field'),
    ],
    type: [
      w('table cell', ['B4'], CELL_TYPING, 'control'),
      w('paragraph', [undefined], TEXT_TYPING, 'field'),
    ],
    passwordRuns: 0,
  },
  'gnome-terminal-server': {
    ancestors: (title) => [
      { role: 'frame', name: title },
      { role: 'filler', name: undefined },
      { role: 'page tab list', name: undefined },
      { role: 'page tab', name: title },
      { role: 'scroll pane', name: undefined },
    ],
    click: [
      w(
        'terminal',
        [undefined],
        ['enabled', 'focusable', 'resizable', 'sensitive', 'showing', 'visible'],
        'pane',
      ),
      w(
        'terminal',
        [undefined],
        ['enabled', 'focusable', 'resizable', 'sensitive', 'showing', 'visible'],
        'pane',
      ),
      w('page tab', ['Terminal'], TAB, 'control'),
    ],
    type: [
      w(
        'terminal',
        [undefined],
        ['enabled', 'focusable', 'focused', 'resizable', 'sensitive', 'showing', 'visible'],
        'pane',
      ),
    ],
    // a sudo prompt is no password field to AT-SPI: the privacy filter's own rules apply there
    passwordRuns: 0,
  },
};
/** Reads that find nothing in an application with a tree (timeout, two reads in flight, nothing at the point). */
const READ_MISS = 0.06;
/** Click reads answered after the release: the element follows at the time of the last event released. */
const READ_LATE = 0.2;
/** Any process id: the agent reads only in the focused window's own process. */
const PID = 4242;

export interface GenerateOptions {
  seed: number;
  /** Epoch ms of the first event. */
  start: number;
  /** Exactly this many events are returned. */
  count: number;
  /** Whether this contributor also uses the rare application. */
  rare?: boolean;
  /**
   * Issue 17's trajectory material: phased tasks, browser element events, before-frames, and the
   * desktop element events (and password-field runs) of the agent's accessibility reader.
   */
  trajectories?: { frameBytes: number } | undefined;
}

/** Applications whose (simulated) scope allows frames, and the site a browser runs show. */
const FRAME_APPS = new Set(['firefox', 'libreoffice-calc', 'libreoffice-writer']);
const SITE = 'https://docs.example.com';

/** A deterministic stand-in for a device-redacted WebP: RIFF/WEBP header, then seeded bytes. */
function fakeWebpBase64(r: () => number, bytes: number): string {
  // a multiple of 3 bytes: base64 without padding, so its tail can be varied per frame
  const b = Buffer.alloc(Math.max(18, Math.ceil(bytes / 3) * 3));
  b.write('RIFF', 0, 'latin1');
  b.writeUInt32LE(b.length - 8, 4);
  b.write('WEBPVP8 ', 8, 'latin1');
  for (let i = 16; i < b.length; i++) b[i] = Math.floor(r() * 256);
  return b.toString('base64');
}

/** One contributor's events in time order, deterministic for a seed. */
export function generateEvents(o: GenerateOptions): StenoEvent[] {
  const r = seeded(o.seed);
  const int = (lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
  const screen = r() < 0.7 ? { w: 1920, h: 1080 } : { w: 2560, h: 1440 };
  const apps = o.rare ? [...APPS, RARE_APP] : APPS;
  const out: StenoEvent[] = [];
  let t = o.start;
  let px = int(0, screen.w - 1);
  let py = int(0, screen.h - 1);
  let sinceFocus = Number.POSITIVE_INFINITY;
  let focusEvery = 0;
  const traj = o.trajectories;
  let focus: Extract<StenoEvent, { type: 'focus' }> | undefined;
  let task: { id: string; focusesLeft: number } | undefined;
  let tasks = 0;
  let actions = 0;
  let lastFrameT = Number.NEGATIVE_INFINITY;
  // a few frame payloads made once, each frame then made distinct in its last 8 base64 characters
  // (real frames differ: no encoder may fold them into a dictionary)
  const framePool = traj ? Array.from({ length: 8 }, () => fakeWebpBase64(r, traj.frameBytes)) : [];
  let frames = 0;
  const framePayload = (): string => {
    const base = pick(framePool);
    const id = Buffer.alloc(9);
    id.writeUInt32BE(o.seed >>> 0, 0);
    id.writeUIntBE(++frames, 4, 5);
    const tail = id.toString('base64');
    return base.slice(0, -tail.length) + tail;
  };
  /** A before-frame for the next action, at most one a second, in applications whose scope allows it. */
  const maybeFrame = (): string | undefined => {
    if (!traj || !focus || !FRAME_APPS.has(focus.app) || t - lastFrameT < 1_000 || r() > 0.35)
      return undefined;
    lastFrameT = t;
    const actionId = `a${o.seed.toString(36)}-${actions}`;
    const window = { x: 0, y: 0, width: screen.w, height: screen.h };
    out.push({
      type: 'frame',
      t,
      actionId,
      webp: framePayload(),
      meta: {
        kind: 'before',
        app: focus.app,
        width: Math.round(screen.w / 2),
        height: Math.round(screen.h / 2),
        scale: 0.5,
        origin: { x: 0, y: 0 },
        window,
        windowInFrame: { x: 0, y: 0, width: Math.round(screen.w / 2), height: Math.round(screen.h / 2) },
      },
    });
    return actionId;
  };
  /** The extension's element event for a click in the browser, in its own run as the merged source sends it. */
  const elementFor = (x: number, y: number, downT: number) => {
    if (!traj || focus?.app !== 'firefox' || r() < 0.1) return;
    const w = int(40, 240);
    const h = int(20, 48);
    out.push({ type: 'focus', t, app: SITE });
    out.push({
      type: 'element',
      t: downT + int(5, 40),
      action: 'click',
      role: pick(['button', 'link', 'menuitem', 'tab', 'checkbox', 'textbox']),
      name: pick(['Save', 'Open report', 'Next', 'Settings', 'Q3 budget', 'Submit']),
      tag: pick(['button', 'a', 'div', 'input']),
      selector: `#el-${int(1, 500)}`,
      page: { x: x - int(0, w - 1), y: y - int(0, h - 1) + 300, w, h },
      screen: { x: x - int(0, w - 1), y: y - int(0, h - 1), w, h },
      x,
      y,
      mods: [],
    });
    out.push({ ...focus, t });
  };

  // The agent's accessibility reader: its own trigger rules (a press; the first key of a typing
  // run) decide when it reads, its own event shaping (filtered names and path) what is sent. Its
  // own random stream, so that without trajectories nothing here draws from `r`.
  const ra = seeded(o.seed + 0x0a11);
  const triggers = new ElementTriggers();
  /** A click's read answered after the release: sent after it, at its time. */
  let lateRead: { element: AccessibleElement; trigger: ElementTrigger } | undefined;
  const readElement = (app: AccessibleApp, title: string, trigger: ElementTrigger): AccessibleElement => {
    const kinds = trigger.action === 'type' ? app.type : app.click;
    const kind = kinds[Math.floor(ra() * kinds.length)] as Widget;
    const span = (lo: number, hi: number) => lo + Math.floor(ra() * (hi - lo + 1));
    const [bw, bh] =
      kind.size === 'control'
        ? [span(24, 200), span(20, 40)]
        : kind.size === 'field'
          ? [span(120, 480), span(24, 36)]
          : [span(Math.round(screen.w * 0.4), screen.w), span(Math.round(screen.h * 0.3), screen.h - 80)];
    // a click's element holds the pointer; the focused element is wherever it is
    const ax = trigger.x ?? span(0, screen.w - bw);
    const ay = trigger.y ?? span(0, screen.h - bh);
    const x = Math.max(0, Math.min(screen.w - bw, ax - span(0, bw - 1)));
    const y = Math.max(0, Math.min(screen.h - bh, ay - span(0, bh - 1)));
    return {
      role: kind.role,
      name: kind.names[Math.floor(ra() * kind.names.length)],
      states: [...kind.states],
      box: { x, y, w: bw, h: bh },
      ancestors: app.ancestors(title),
    };
  };
  /** A captured input event: kept, and (with trajectories) seen by the agent's element triggers. */
  const input = (e: StenoEvent) => {
    out.push(e);
    if (!traj) return;
    if (lateRead && e.type === 'button' && e.dir === 'up') {
      const late = desktopElementEvent(lateRead.element, lateRead.trigger, e.t);
      if (late) out.push(late);
      lateRead = undefined;
    }
    const trigger = triggers.triggerFor(e, 'full', PID);
    const app = focus && ACCESSIBLE[focus.app];
    if (!trigger || !focus || !app || ra() < READ_MISS) return;
    const element = readElement(app, focus.title ?? focus.app, trigger);
    if (trigger.action !== 'type' && ra() < READ_LATE) {
      lateRead = { element, trigger };
      return;
    }
    const event = desktopElementEvent(element, trigger, e.t);
    if (event) out.push(event);
  };
  /** Whether a typing run starts in a password field (only a tree tells the agent so). */
  const passwordRun = (): boolean => {
    const app = traj && focus ? ACCESSIBLE[focus.app] : undefined;
    return app !== undefined && ra() < app.passwordRuns;
  };

  /** The frame id the next typed character carries (the first key of a typing run). */
  let pendingKeyId: string | undefined;
  const key = (name: string, mods: Modifier[], char?: string) => {
    const actionId = char === undefined ? undefined : pendingKeyId;
    if (actionId) pendingKeyId = undefined;
    input(
      char === undefined
        ? { type: 'key', t, dir: 'down', key: name, mods }
        : { type: 'key', t, dir: 'down', key: name, char, mods, ...(actionId ? { actionId } : {}) },
    );
    t += int(40, 110);
    input({ type: 'key', t, dir: 'up', key: name, mods });
  };
  /** A coalesced path from the pointer to (x, y), points 8-16 ms apart, as the agent flushes it. */
  const moveTo = (x: number, y: number) => {
    const n = int(4, 40);
    const points: [number, number, number][] = [];
    let dt = 0;
    for (let i = 1; i <= n; i++) {
      const f = i / n;
      points.push([
        dt,
        Math.round(px + (x - px) * f + (i < n ? int(-3, 3) : 0)),
        Math.round(py + (y - py) * f + (i < n ? int(-3, 3) : 0)),
      ]);
      dt += int(8, 16);
    }
    out.push({ type: 'path', t, points });
    t += dt;
    px = x;
    py = y;
  };
  const button = (
    dir: 'down' | 'up',
    b: 'left' | 'right' | 'middle',
    mods: Modifier[] = [],
    actionId?: string,
  ) => input({ type: 'button', t, dir, button: b, x: px, y: py, mods, ...(actionId ? { actionId } : {}) });
  const click = (b: 'left' | 'right' | 'middle' = 'left', mods: Modifier[] = []) => {
    const downT = t;
    button('down', b, mods, maybeFrame());
    t += int(50, 130);
    button('up', b, mods);
    if (b === 'left') elementFor(px, py, downT);
  };
  const typeWord = (word: string) => {
    for (const ch of word) {
      if (ch >= 'A' && ch <= 'Z') {
        input({ type: 'key', t, dir: 'down', key: 'Shift', mods: [] });
        t += int(20, 60);
        key(ch.toLowerCase(), ['shift'], ch);
        t += int(10, 40);
        input({ type: 'key', t, dir: 'up', key: 'Shift', mods: ['shift'] });
      } else key(ch, [], ch);
      t += int(30, 180);
    }
  };

  while (out.length < o.count) {
    if (sinceFocus >= focusEvery) {
      const a = pick(apps);
      focus = { type: 'focus', t, app: a.app, title: pick(a.titles), screen };
      out.push(focus);
      triggers.focusChanged();
      t += int(100, 600);
      sinceFocus = 0;
      focusEvery = int(8, 60);
      if (traj) {
        // tasks span applications: started at a focus change, ended some focus changes later
        if (task && --task.focusesLeft <= 0) {
          out.push({ type: 'task', t, phase: r() < 0.85 ? 'end' : 'abandon', taskId: task.id });
          task = undefined;
          t += int(200, 2000);
        } else if (task && r() < 0.1) {
          out.push({
            type: 'task',
            t,
            phase: 'name',
            taskId: task.id,
            label: `Review the ${pick(WORDS)} ${pick(WORDS)} for ops@example.com`,
          });
        } else if (!task && r() < 0.25) {
          task = { id: `tk-${o.seed.toString(36)}-${++tasks}`, focusesLeft: int(1, 5) };
          out.push({
            type: 'task',
            t,
            phase: 'start',
            taskId: task.id,
            label: `Update the ${pick(WORDS)} ${pick(WORDS)} report`,
          });
          t += int(200, 2000);
        }
      } else if (r() < 0.02) {
        out.push({ type: 'task', t, label: `task ${int(1, 400)}` });
        t += int(200, 2000);
      }
    }
    sinceFocus++;
    actions++;
    const p = r();
    if (p < 0.22) {
      // move and click, sometimes with a modifier held
      moveTo(int(0, screen.w - 1), int(0, screen.h - 1));
      t += int(50, 300);
      click('left', r() < 0.05 ? ['ctrl'] : []);
    } else if (p < 0.25) {
      moveTo(int(0, screen.w - 1), int(0, screen.h - 1));
      t += int(50, 300);
      click();
      t += int(80, 250);
      click();
    } else if (p < 0.27) {
      moveTo(int(0, screen.w - 1), int(0, screen.h - 1));
      t += int(50, 300);
      click('right');
    } else if (p < 0.3) {
      // drag: press, move far, release
      moveTo(int(0, screen.w - 1), int(0, screen.h - 1));
      button('down', 'left');
      t += int(60, 200);
      moveTo(int(0, screen.w - 1), int(0, screen.h - 1));
      button('up', 'left');
    } else if (p < 0.4) {
      // a scroll: 3-15 wheel notches
      if (r() < 0.5) moveTo(int(0, screen.w - 1), int(0, screen.h - 1));
      const dir = r() < 0.8 ? 1 : -1;
      let frameId = maybeFrame();
      for (let i = int(3, 15); i > 0; i--) {
        out.push({
          type: 'wheel',
          t,
          x: px,
          y: py,
          dx: 0,
          dy: dir * int(1, 3),
          mods: [],
          ...(frameId ? { actionId: frameId } : {}),
        });
        frameId = undefined;
        t += int(15, 90);
      }
    } else if (p < 0.47) {
      // a pointer move without a click
      moveTo(int(0, screen.w - 1), int(0, screen.h - 1));
    } else if (p < 0.67 && passwordRun()) {
      // typing into a password field: the agent sends one PASSWORD marker for the run, no element
      // and no key of it; the run ends with Enter (a login)
      out.push({ type: 'redaction', t, entity: 'PASSWORD' });
      t += int(800, 4000);
      key('Enter', []);
    } else if (p < 0.67) {
      // a typing run of words, with capitals, corrections, redaction markers and pastes
      pendingKeyId = maybeFrame();
      for (let w = int(1, 6); w > 0; w--) {
        const q = r();
        if (q < 0.04) {
          out.push({ type: 'redaction', t, entity: pick(ENTITIES) });
          t += int(100, 400);
        } else if (q < 0.06) {
          input({ type: 'key', t, dir: 'down', key: 'Control', mods: [] });
          t += int(30, 80);
          key('v', ['ctrl']);
          out.push({ type: 'paste', t });
          t += int(10, 40);
          input({ type: 'key', t, dir: 'up', key: 'Control', mods: ['ctrl'] });
        } else {
          const word = pick(WORDS);
          typeWord(r() < 0.1 ? word[0]?.toUpperCase() + word.slice(1) : word);
          if (r() < 0.08)
            for (let b = int(1, 3); b > 0; b--) {
              key('Backspace', []);
              t += int(60, 200);
            }
        }
        key('Space', [], ' ');
        t += int(40, 400);
      }
      if (r() < 0.3) key(r() < 0.5 ? '.' : ',', [], r() < 0.5 ? '.' : ',');
    } else if (p < 0.85) {
      const name = pick(NAMED);
      for (let n = r() < 0.2 ? int(2, 5) : 1; n > 0; n--) {
        key(name, []);
        t += int(80, 300);
      }
    } else if (p < 0.99) {
      const [mods, k] = pick(SHORTCUTS);
      for (const m of mods) {
        input({ type: 'key', t, dir: 'down', key: MOD_KEY[m], mods: [] });
        t += int(20, 80);
      }
      key(k, mods);
      for (const m of mods) {
        t += int(10, 40);
        input({ type: 'key', t, dir: 'up', key: MOD_KEY[m], mods });
      }
      if (k === 'v') out.push({ type: 'paste', t });
    } else {
      // step away for a while: a new episode
      t += int(130_000, 900_000);
      sinceFocus = focusEvery;
    }
    // think time between actions
    t += r() < 0.9 ? int(150, 2500) : int(2500, 20_000);
  }
  out.length = o.count;
  return out;
}

/** Contributors' event streams: subject ids, events, deterministic for the seed. */
export function population(
  contributors: number,
  eventsEach: number,
  start: number,
  seed = 20_261_129,
  trajectories?: GenerateOptions['trajectories'],
): { subjectId: string; events: StenoEvent[] }[] {
  return Array.from({ length: contributors }, (_, i) => ({
    subjectId: `contributor-${String(i).padStart(3, '0')}`,
    // two contributors in every twenty also use a rare application (fewer than k: dropped)
    events: generateEvents({
      seed: seed + i * 7919,
      start: start + i * 61_000,
      count: eventsEach,
      rare: i % 10 === 3,
      trajectories,
    }),
  }));
}

/** Events in chunks of `size`, as the server hands decrypted batches to the build. */
export function chunked<T>(xs: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += size) out.push(xs.slice(i, i + size));
  return out;
}

// ---------------------------------------------------------------------------------------------
// The anchor: every raw event flattened into one row, written to Parquet unreduced

const RAW_COLUMNS = [
  ['subject', 'STRING'],
  ['t_ms', 'INT64'],
  ['type', 'STRING'],
  ['dir', 'STRING'],
  ['key', 'STRING'],
  ['char', 'STRING'],
  ['mods', 'STRING'],
  ['button', 'STRING'],
  ['x', 'INT32'],
  ['y', 'INT32'],
  ['dx', 'INT32'],
  ['dy', 'INT32'],
  ['app', 'STRING'],
  ['title', 'STRING'],
  ['screen_w', 'INT32'],
  ['screen_h', 'INT32'],
  ['entity', 'STRING'],
  ['label', 'STRING'],
  ['points', 'STRING'],
  ['phase', 'STRING'],
  ['task_id', 'STRING'],
  ['action_id', 'STRING'],
  ['role', 'STRING'],
  ['name', 'STRING'],
  ['selector', 'STRING'],
  ['box', 'STRING'],
  ['meta', 'STRING'],
  ['webp', 'BYTE_ARRAY'],
] as const;

function rawToParquet(streams: { subjectId: string; chunks: StenoEvent[][] }[]): Uint8Array {
  const col: Record<(typeof RAW_COLUMNS)[number][0], unknown[]> = {
    subject: [],
    t_ms: [],
    type: [],
    dir: [],
    key: [],
    char: [],
    mods: [],
    button: [],
    x: [],
    y: [],
    dx: [],
    dy: [],
    app: [],
    title: [],
    screen_w: [],
    screen_h: [],
    entity: [],
    label: [],
    points: [],
    phase: [],
    task_id: [],
    action_id: [],
    role: [],
    name: [],
    selector: [],
    box: [],
    meta: [],
    webp: [],
  };
  for (const s of streams) {
    for (const chunk of s.chunks) {
      for (const e of chunk) {
        const a = e as Partial<Record<string, unknown>>;
        const scr = e.type === 'focus' ? e.screen : undefined;
        col.subject.push(s.subjectId);
        col.t_ms.push(BigInt(e.t));
        col.type.push(e.type);
        col.dir.push(a.dir ?? null);
        col.key.push(a.key ?? null);
        col.char.push(a.char ?? null);
        col.mods.push(Array.isArray(a.mods) ? JSON.stringify(a.mods) : null);
        col.button.push(a.button ?? null);
        col.x.push(a.x ?? null);
        col.y.push(a.y ?? null);
        col.dx.push(a.dx ?? null);
        col.dy.push(a.dy ?? null);
        col.app.push(a.app ?? null);
        col.title.push(a.title ?? null);
        col.screen_w.push(scr?.w ?? null);
        col.screen_h.push(scr?.h ?? null);
        col.entity.push(a.entity ?? null);
        col.label.push(a.label ?? null);
        col.points.push(a.points === undefined ? null : JSON.stringify(a.points));
        col.phase.push(a.phase ?? null);
        col.task_id.push(a.taskId ?? null);
        col.action_id.push(a.actionId ?? null);
        col.role.push(a.role ?? null);
        col.name.push(a.name ?? null);
        col.selector.push(a.selector ?? null);
        col.box.push(a.screen !== undefined && e.type === 'element' ? JSON.stringify(a.screen) : null);
        col.meta.push(a.meta === undefined ? null : JSON.stringify(a.meta));
        // the frame's bytes, decoded as the build decodes them
        col.webp.push(typeof a.webp === 'string' ? new Uint8Array(Buffer.from(a.webp, 'base64')) : null);
      }
    }
  }
  const columnData: ColumnSource[] = RAW_COLUMNS.map(([name, type]) => ({ name, type, data: col[name] }));
  return new Uint8Array(
    parquetWriteBuffer({
      columnData,
      codec: 'SNAPPY',
      createdBy: 'steno-bench-raw',
      kvMetadata: [{ key: 'steno.format', value: 'raw-events/bench' }],
    }),
  );
}

// ---------------------------------------------------------------------------------------------

/** What issue 17 adds to a build, as counts (aggregates over all contributors). */
function trajectoryFigures(build: Awaited<ReturnType<typeof buildDataset>>): Record<string, number> {
  const steps = build.steps;
  const share = (n: number, of: number) => n / Math.max(1, of);
  const count = (xs: readonly (typeof steps)[number][], source?: 'desktop' | 'browser') =>
    xs.filter((s) => s.target !== null && (source === undefined || s.target.source === source)).length;
  const clicks = steps.filter((s) =>
    ['click', 'double_click', 'triple_click', 'right_click', 'middle_click'].includes(s.action),
  );
  const typing = steps.filter((s) => s.action === 'type');
  const browserClicks = clicks.filter((s) => s.app === 'firefox');
  // desktop applications other than the browser, with and without an accessibility tree
  const withTree = (s: (typeof steps)[number]) => s.app !== 'firefox' && ACCESSIBLE[s.app] !== undefined;
  const withoutTree = (s: (typeof steps)[number]) => ACCESSIBLE[s.app] === undefined;
  const treeClicks = clicks.filter(withTree);
  const treeTyping = typing.filter((s) => ACCESSIBLE[s.app] !== undefined);
  const noTree = [...clicks, ...typing].filter(withoutTree);
  const withDesktop = count(steps, 'desktop');
  const withBrowser = count(steps, 'browser');
  return {
    taskEpisodes: build.stats.tasks,
    taskEpisodesCompleted: build.episodes.filter((e) => e.taskStatus === 'completed').length,
    multiAppEpisodes: build.episodes.filter((e) => e.apps.length > 1).length,
    abandonedDropped: build.stats.episodesAbandonedDropped,
    stepsWithTarget: build.stats.stepsWithTarget,
    stepsWithDesktopTarget: withDesktop,
    stepsWithBrowserTarget: withBrowser,
    shareOfStepsWithTarget: share(build.stats.stepsWithTarget, steps.length),
    shareOfStepsWithDesktopTarget: share(withDesktop, steps.length),
    shareOfStepsWithBrowserTarget: share(withBrowser, steps.length),
    shareOfClickAndTypeStepsWithTarget: share(count(clicks) + count(typing), clicks.length + typing.length),
    shareOfBrowserClicksWithTarget: share(count(browserClicks), browserClicks.length),
    shareOfBrowserClicksWithBrowserTarget: share(count(browserClicks, 'browser'), browserClicks.length),
    shareOfBrowserClicksWithDesktopTarget: share(count(browserClicks, 'desktop'), browserClicks.length),
    shareOfDesktopClicksWithTargetInAppsWithTree: share(count(treeClicks, 'desktop'), treeClicks.length),
    shareOfTypeStepsWithTargetInAppsWithTree: share(count(treeTyping, 'desktop'), treeTyping.length),
    shareOfClickAndTypeStepsWithTargetInAppsWithoutTree: share(count(noTree), noTree.length),
    shareOfClickAndTypeStepsInAppsWithoutTree: share(noTree.length, clicks.length + typing.length),
    desktopTargetsWithStates: steps.filter(
      (s) => s.target?.source === 'desktop' && (s.target.states?.length ?? 0) > 0,
    ).length,
    frames: build.stats.frames,
    frameMiB: build.stats.frameBytes / 2 ** 20,
    stepsWithBeforeFrame: steps.filter((s) => s.beforeFrame !== null).length,
  };
}

function arg(args: string[], name: string, d: number): number {
  const i = args.indexOf(`--${name}`);
  const v = i >= 0 ? Number(args[i + 1]) : d;
  if (!Number.isFinite(v) || v < 1) throw new Error(`--${name} must be a positive number`);
  return Math.floor(v);
}

function benchSpec(): DatasetSpec {
  const r = parseDatasetSpec(`
name: bench-set
purpose: model_training
timeRange: { from: '2026-01-01T00:00:00Z', to: '2026-03-01T00:00:00Z' }
k: 5
quantiseMs: 100
titles: { allow: ['.* - Mozilla Firefox'] }
taskLabels: redact
frames: before_after
`);
  if (!r.ok) throw new Error(`bench spec refused: ${r.error.message}`);
  return r.value;
}

const SECRET = new Uint8Array(32).fill(42);
const START = Date.UTC(2026, 0, 5, 8, 0, 0);

export async function main(args: string[]): Promise<void> {
  const contributors = arg(args, 'contributors', 20);
  const eventsEach = arg(args, 'events', 50_000);
  const runs = arg(args, 'runs', 5);
  const batch = arg(args, 'batch', 500);
  const frameKib = arg(args, 'frame-kib', 24);
  const total = contributors * eventsEach;

  const g0 = performance.now();
  const people = population(contributors, eventsEach, START, undefined, { frameBytes: frameKib * 1024 }).map(
    (p) => ({
      subjectId: p.subjectId,
      chunks: chunked(p.events, batch),
    }),
  );
  const genMs = performance.now() - g0;
  const byType: Record<string, number> = {};
  const elementsBySource = { desktop: 0, browser: 0 };
  let spanMs = 0;
  for (const p of people) {
    const all = p.chunks.flat();
    for (const e of all) {
      byType[e.type] = (byType[e.type] ?? 0) + 1;
      if (e.type === 'element') elementsBySource[e.source ?? 'browser'] += 1;
    }
    spanMs += (all[all.length - 1]?.t ?? 0) - (all[0]?.t ?? 0);
  }
  process.stderr.write(
    `dataset: ${contributors} contributors × ${eventsEach} events generated in ${(genMs / 1000).toFixed(1)} s; ` +
      `~${(spanMs / contributors / 3_600_000).toFixed(1)} h of activity each\n`,
  );
  const spec = benchSpec();
  const streams = (): SubjectStream[] =>
    people.map((p) => ({ subjectId: p.subjectId, deviceId: `dev-${p.subjectId}`, events: p.chunks }));

  const anchorRates: number[] = [];
  const buildParquetRates: number[] = [];
  const buildSealRates: number[] = [];
  const buildOnlyRates: number[] = [];
  let last: {
    steps: number;
    episodes: number;
    stepsParquetBytes: number;
    sealedBytes: number;
    rawParquetBytes: number;
    stats: unknown;
    trajectories: Record<string, number>;
    files: Record<string, number>;
  } = {
    steps: 0,
    episodes: 0,
    stepsParquetBytes: 0,
    sealedBytes: 0,
    rawParquetBytes: 0,
    stats: null,
    trajectories: {},
    files: {},
  };

  const anchor = () => {
    const t0 = performance.now();
    const bytes = rawToParquet(people);
    const s = (performance.now() - t0) / 1000;
    last.rawParquetBytes = bytes.byteLength;
    return total / s;
  };
  const steno = async () => {
    const t0 = performance.now();
    const build = await buildDataset(spec, streams(), { secret: SECRET });
    const tBuild = performance.now();
    const parquet = stepsToParquet(build.steps);
    const tParquet = performance.now();
    const sealed = sealDataset(build, {
      datasetId: 'ds_bench',
      version: 1,
      createdAt: new Date(START).toISOString(),
      policyVersion: 'bench',
      consentNoticeVersions: ['bench'],
    });
    const tSeal = performance.now();
    if (build.stats.eventsRead !== total)
      throw new Error(`read ${build.stats.eventsRead} of ${total} events`);
    last = {
      ...last,
      steps: build.steps.length,
      episodes: build.episodes.length,
      stepsParquetBytes: parquet.byteLength,
      sealedBytes: sealed.files.reduce((a, f) => a + f.encryptedBytes, 0),
      stats: build.stats,
      trajectories: trajectoryFigures(build),
      files: Object.fromEntries(sealed.files.map((f) => [f.name, f.bytes])),
    };
    const buildS = (tBuild - t0) / 1000;
    return {
      buildOnly: total / buildS,
      buildParquet: total / (buildS + (tParquet - tBuild) / 1000),
      buildSeal: total / (buildS + (tSeal - tParquet) / 1000),
    };
  };

  for (let run = 0; run <= runs; run++) {
    // alternate which goes first, so neither always runs after the other's garbage
    let a: number;
    let s: Awaited<ReturnType<typeof steno>>;
    if (run % 2) {
      a = anchor();
      s = await steno();
    } else {
      s = await steno();
      a = anchor();
    }
    process.stderr.write(
      `dataset: run ${run}${run ? '' : ' (warm-up)'}: anchor ${Math.round(a)} events/s; ` +
        `build+seal ${Math.round(s.buildSeal)}, build+stepsToParquet ${Math.round(s.buildParquet)}, build ${Math.round(s.buildOnly)}\n`,
    );
    if (run === 0) continue;
    anchorRates.push(a);
    buildSealRates.push(s.buildSeal);
    buildParquetRates.push(s.buildParquet);
    buildOnlyRates.push(s.buildOnly);
  }

  const anchorS = stats(anchorRates);
  const sealS = stats(buildSealRates);
  const parquetS = stats(buildParquetRates);
  const buildS = stats(buildOnlyRates);
  // ratio of medians, and the ratios within each run (same run = same machine load)
  const perRun = buildSealRates.map((v, i) => v / (anchorRates[i] as number));
  const perRunParquet = buildParquetRates.map((v, i) => v / (anchorRates[i] as number));
  const ratio = sealS.median / anchorS.median;
  const ratioParquet = parquetS.median / anchorS.median;
  const row = (name: string, x: ReturnType<typeof stats>, r: number | string) => ({
    name,
    'events/s (median)': Math.round(x.median),
    'min–max': `${Math.round(x.min)}–${Math.round(x.max)}`,
    spread: x.spread,
    'vs anchor': typeof r === 'number' ? Number(r.toFixed(2)) : r,
  });
  printTable(
    `dataset: ${contributors} contributors × ${eventsEach} events (${total}), ${runs} runs after a warm-up`,
    [
      row('anchor: raw events → Parquet (unreduced)', anchorS, ''),
      row('steno: buildDataset + sealDataset', sealS, ratio),
      row('steno: buildDataset + stepsToParquet', parquetS, ratioParquet),
      row('  of which buildDataset alone', buildS, buildS.median / anchorS.median),
    ],
  );
  console.log(
    `\n${last.episodes} episodes, ${last.steps} steps (${(total / Math.max(1, last.steps)).toFixed(1)} events per step); ` +
      `steps.parquet ${(last.stepsParquetBytes / 2 ** 20).toFixed(2)} MiB, sealed files ${(last.sealedBytes / 2 ** 20).toFixed(2)} MiB, ` +
      `raw Parquet ${(last.rawParquetBytes / 2 ** 20).toFixed(2)} MiB`,
  );
  const tf = last.trajectories;
  const pct = (v: number | undefined) => `${((v ?? 0) * 100).toFixed(1)} %`;
  console.log(
    `trajectories: ${tf.taskEpisodes} task episodes (${tf.multiAppEpisodes} spanning applications, ${tf.abandonedDropped} abandoned dropped); ` +
      `${tf.frames} frames (${(tf.frameMiB ?? 0).toFixed(1)} MiB); element events: ${elementsBySource.desktop} desktop, ${elementsBySource.browser} browser`,
  );
  console.log(
    `element targets: ${tf.stepsWithTarget} steps (${pct(tf.shareOfStepsWithTarget)} of steps, ${pct(tf.shareOfClickAndTypeStepsWithTarget)} of clicks and typing): ` +
      `desktop ${tf.stepsWithDesktopTarget} (${pct(tf.shareOfStepsWithDesktopTarget)} of steps), browser ${tf.stepsWithBrowserTarget} (${pct(tf.shareOfStepsWithBrowserTarget)}); ` +
      `browser clicks ${pct(tf.shareOfBrowserClicksWithTarget)} (page element ${pct(tf.shareOfBrowserClicksWithBrowserTarget)}, desktop ${pct(tf.shareOfBrowserClicksWithDesktopTarget)}); ` +
      `desktop apps with a tree: clicks ${pct(tf.shareOfDesktopClicksWithTargetInAppsWithTree)}, typing ${pct(tf.shareOfTypeStepsWithTargetInAppsWithTree)}; ` +
      `apps without one (${pct(tf.shareOfClickAndTypeStepsInAppsWithoutTree)} of clicks and typing): ${pct(tf.shareOfClickAndTypeStepsWithTargetInAppsWithoutTree)}`,
  );
  console.log(
    `target ≥ 0.5 × anchor (build + seal): ${ratio >= 0.5 ? 'met' : 'MISSED'}, ${ratio.toFixed(2)}`,
  );
  const file = writeResults('dataset', {
    contributors,
    eventsPerContributor: eventsEach,
    events: total,
    chunk: batch,
    runs,
    eventsByType: byType,
    elementEventsBySource: elementsBySource,
    meanActivityHoursPerContributor: spanMs / contributors / 3_600_000,
    frameKib,
    anchor:
      'the same in-memory events flattened to one row per raw event (28 columns, frames decoded from base64 into a byte column) → hyparquet-writer, Snappy',
    anchorEventsPerSec: anchorS,
    stenoBuildSealEventsPerSec: sealS,
    stenoBuildStepsParquetEventsPerSec: parquetS,
    stenoBuildOnlyEventsPerSec: buildS,
    ratioBuildSealOverAnchor: ratio,
    ratioBuildStepsParquetOverAnchor: ratioParquet,
    ratiosPerRun: { buildSeal: perRun, buildStepsParquet: perRunParquet },
    output: {
      episodes: last.episodes,
      steps: last.steps,
      stepsParquetBytes: last.stepsParquetBytes,
      sealedFilesBytes: last.sealedBytes,
      rawParquetBytes: last.rawParquetBytes,
      files: last.files,
    },
    trajectories: last.trajectories,
    buildStats: last.stats,
    target: {
      ratio: 0.5,
      judgedOn:
        'buildDataset + sealDataset (episodes.jsonl, steps.parquet, frames.parquet, trajectories.jsonl, the hub Parquet with frames embedded, README.md)',
      met: ratio >= 0.5,
    },
  });
  console.log(`wrote ${file}`);
}
