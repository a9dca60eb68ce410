/**
 * Turns captured events into a timeline a person can read: typed characters joined into runs,
 * redaction markers shown as tokens in place (the type only — nothing of what was redacted, not
 * even its length, ever reached the server), clicks, shortcuts and window changes as one line
 * each. Pure, so it is shared by the contributor's timeline and break-glass reads.
 */

/** The event fields the portal reads; the server's schema is the authority (packages/protocol). */
export interface WireEvent {
  type: string;
  t: number;
  [field: string]: unknown;
}

export type Part = { kind: 'text'; text: string } | { kind: 'token'; entity: string };

export type RowKind =
  | 'focus'
  | 'typed'
  | 'shortcut'
  | 'click'
  | 'scroll'
  | 'move'
  | 'element'
  | 'navigate'
  | 'task'
  | 'paste'
  | 'redaction'
  | 'other';

/** A task the contributor marked (issue 17); the rows inside it share this object. */
export interface TimelineTask {
  taskId: string | undefined;
  /** The latest description the device sent (filtered on the device), if any. */
  label: string | undefined;
  status: 'open' | 'completed' | 'abandoned';
}

export interface TimelineRow {
  t: number;
  kind: RowKind;
  /** The application (or site) in focus when it happened. */
  app: string | undefined;
  summary: string;
  /** For typed runs: the text with redaction tokens in place. */
  parts?: Part[];
  /** The task this happened in, when one was marked (issue 17). */
  task?: TimelineTask;
  /** The element acted on, from the page or the accessibility tree: `button “Submit expense”`. */
  target?: string;
  /** The screenshot taken just before this action, as the device redacted it (a data: URL). */
  frame?: { src: string; width: number; height: number };
  /** Where a click was, in screen pixels (to join the element it hit). */
  at?: { x: number; y: number };
}

/** Consecutive rows of one task (or of no task), for showing task boundaries. */
export interface TimelineGroup {
  task: TimelineTask | undefined;
  rows: TimelineRow[];
}

/** An element event this long after its click (the extension sends every ≤ 2 s) still explains it. */
const ELEMENT_JOIN_MS = 3_000;

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);
const MOD_NAMES: Record<string, string> = { ctrl: 'Ctrl', shift: 'Shift', alt: 'Alt', meta: 'Meta' };
/** Keys that only modify others (any side): pressed in a chord, they are part of it, not a row (issue 17). */
const MODIFIER_KEY = /^(?:Shift|Control|Alt|AltGraph|Meta|OS|Super|Hyper)(?:Left|Right)?$/;

function mods(e: WireEvent): string[] {
  return Array.isArray(e.mods) ? e.mods.filter((m): m is string => typeof m === 'string') : [];
}

/** Builds the rows, oldest first. Key releases and button releases add nothing a reader needs. */
export function timelineRows(events: readonly WireEvent[]): TimelineRow[] {
  const rows: TimelineRow[] = [];
  let app: string | undefined;
  let run: TimelineRow | undefined;
  let lastFocus: string | undefined;
  let task: TimelineTask | undefined;
  /** Frames by the action id of the event they were taken before (they travel just ahead of it). */
  const frames = new Map<string, NonNullable<TimelineRow['frame']>>();
  let rowEvent: WireEvent | undefined;
  const push = (row: TimelineRow) => {
    if (task) row.task = task;
    const id = rowEvent ? str(rowEvent.actionId) : undefined;
    const frame = id ? frames.get(id) : undefined;
    if (id && frame) {
      row.frame = frame;
      frames.delete(id);
    }
    rows.push(row);
  };
  const endRun = () => {
    run = undefined;
  };
  const typed = (t: number, part: Part) => {
    if (!run) {
      run = { t, kind: 'typed', app, summary: 'Typed', parts: [] };
      push(run);
    }
    const parts = run.parts as Part[];
    const last = parts[parts.length - 1];
    if (part.kind === 'text' && last?.kind === 'text') last.text += part.text;
    else parts.push(part);
  };
  for (const e of events) {
    rowEvent = e;
    switch (e.type) {
      case 'focus': {
        // The agent starts every batch with the focus in effect: the same event again, not a switch.
        const key = JSON.stringify([e.t, e.app, e.title]);
        if (key === lastFocus) break;
        lastFocus = key;
        endRun();
        app = str(e.app);
        const title = str(e.title);
        push({
          t: e.t,
          kind: 'focus',
          app,
          summary: title ? `Switched to ${app} — ${title}` : `Switched to ${app}`,
        });
        break;
      }
      case 'key': {
        if (e.dir !== 'down') break;
        const m = mods(e);
        const char = str(e.char);
        if (char && !m.some((x) => x === 'ctrl' || x === 'alt' || x === 'meta')) {
          typed(e.t, { kind: 'text', text: char });
          break;
        }
        const key = str(e.key) ?? '?';
        if (MODIFIER_KEY.test(key)) break;
        endRun();
        const combo = [...m.map((x) => MOD_NAMES[x] ?? x), key.length === 1 ? key.toUpperCase() : key].join(
          '+',
        );
        push({ t: e.t, kind: 'shortcut', app, summary: `Pressed ${combo}` });
        break;
      }
      case 'redaction': {
        const entity = str(e.entity) ?? 'SECRET';
        if (run) typed(e.t, { kind: 'token', entity });
        else
          push({
            t: e.t,
            kind: 'redaction',
            app,
            summary: 'Redacted on your device',
            parts: [{ kind: 'token', entity }],
          });
        break;
      }
      case 'paste':
        endRun();
        push({ t: e.t, kind: 'paste', app, summary: 'Pasted (the content is never recorded)' });
        break;
      case 'button':
        if (e.dir !== 'down') break;
        endRun();
        push({
          t: e.t,
          kind: 'click',
          app,
          summary: `${capital(str(e.button) ?? 'left')} click at ${num(e.x)}, ${num(e.y)}`,
          at: { x: num(e.x) ?? 0, y: num(e.y) ?? 0 },
        });
        break;
      case 'wheel':
      case 'scroll':
        endRun();
        push({
          t: e.t,
          kind: 'scroll',
          app,
          summary: `Scrolled ${(num(e.dy) ?? 0) > 0 ? 'down' : 'up'}`,
        });
        break;
      case 'path': {
        endRun();
        const last = rows[rows.length - 1];
        // Consecutive mouse paths are one line: where the pointer went is not interesting to read.
        if (last?.kind === 'move') break;
        push({ t: e.t, kind: 'move', app, summary: 'Moved the mouse' });
        break;
      }
      case 'element': {
        const name = str(e.name);
        const target = `${str(e.role) ?? 'element'}${name ? ` “${name}”` : ''}`;
        // The element a click hit, or where typing started: shown on that row, not as a row of its own.
        const joined = joinElement(rows, e);
        if (joined) {
          joined.target = target;
          break;
        }
        endRun();
        push({
          t: e.t,
          kind: 'element',
          app,
          summary: `${capital(String(e.action).replace('_', ' '))} ${target}`,
        });
        break;
      }
      case 'frame': {
        // Shown beside the action it was taken before; never a row of its own.
        const id = str(e.actionId);
        const webp = str(e.webp);
        const meta = (e.meta ?? {}) as Record<string, unknown>;
        if (id && webp)
          frames.set(id, {
            src: `data:image/webp;base64,${webp}`,
            width: num(meta.width) ?? 0,
            height: num(meta.height) ?? 0,
          });
        break;
      }
      case 'navigate':
        endRun();
        app = str(e.origin) ?? app;
        push({
          t: e.t,
          kind: 'navigate',
          app,
          summary: `Opened ${str(e.origin) ?? ''}${str(e.path) ?? ''}`,
        });
        break;
      case 'task': {
        endRun();
        // issue 17: the contributor's task markers, by phase (older agents' markers have none)
        const label = str(e.label);
        if (e.phase === 'start') task = { taskId: str(e.taskId), label, status: 'open' };
        else if (e.phase === 'name' && task) task.label = label ?? task.label;
        const summary =
          e.phase === 'start'
            ? `Started a task: ${label ?? '(no description yet)'}`
            : e.phase === 'name'
              ? `Described the task: ${label ?? ''}`
              : e.phase === 'end'
                ? 'Ended the task'
                : e.phase === 'abandon'
                  ? 'Abandoned the task'
                  : `Task: ${label ?? '(no label)'}`;
        push({ t: e.t, kind: 'task', app, summary });
        if ((e.phase === 'end' || e.phase === 'abandon') && task) {
          task.status = e.phase === 'end' ? 'completed' : 'abandoned';
          task = undefined;
        }
        break;
      }
      default:
        endRun();
        push({ t: e.t, kind: 'other', app, summary: e.type });
    }
  }
  return rows;
}

/** The row an element event explains: a click inside its box, or a typing run, shortly before it. */
function joinElement(rows: TimelineRow[], e: WireEvent): TimelineRow | undefined {
  const box = (e.screen ?? {}) as Record<string, unknown>;
  const [x, y, w, h] = [num(box.x), num(box.y), num(box.w), num(box.h)];
  const want = e.action === 'type' ? 'typed' : 'click';
  for (let i = rows.length - 1; i >= 0; i--) {
    const r = rows[i] as TimelineRow;
    if (e.t - r.t > ELEMENT_JOIN_MS) return undefined;
    if (r.kind !== want || r.target !== undefined) continue;
    if (want === 'typed') return r;
    if (x === undefined || y === undefined || w === undefined || h === undefined || !r.at) continue;
    if (r.at.x >= x && r.at.x < x + w && r.at.y >= y && r.at.y < y + h) return r;
  }
  return undefined;
}

/** Splits rows (in the order given) into runs of one task, or of no task, for task boundaries. */
export function groupByTask(rows: readonly TimelineRow[]): TimelineGroup[] {
  const groups: TimelineGroup[] = [];
  for (const row of rows) {
    const last = groups[groups.length - 1];
    if (last && last.task === row.task) last.rows.push(row);
    else groups.push({ task: row.task, rows: [row] });
  }
  return groups;
}

/** Rows whose text (what happened, the application, the element, typed text) contains `q`. */
export function searchRows(rows: readonly TimelineRow[], q: string): TimelineRow[] {
  const needle = q.trim().toLowerCase();
  if (needle === '') return [...rows];
  return rows.filter((r) =>
    [
      r.summary,
      r.app ?? '',
      r.target ?? '',
      r.task?.label ?? '',
      ...(r.parts ?? []).map((p) => (p.kind === 'text' ? p.text : p.entity)),
    ]
      .join(' ')
      .toLowerCase()
      .includes(needle),
  );
}

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** How a redaction token reads, e.g. "EMAIL" → "email address". */
export const ENTITY_LABELS: Readonly<Record<string, string>> = {
  SECRET: 'secret',
  PASSWORD: 'password',
  PRIVATE_KEY: 'private key',
  API_KEY: 'API key',
  JWT: 'access token',
  CONNECTION_STRING: 'connection string',
  EMAIL: 'email address',
  PHONE: 'phone number',
  CARD: 'card number',
  IBAN: 'bank account',
  SSN: 'social security number',
  NINO: 'national insurance number',
  NATIONAL_ID: 'national ID',
  ORG_RULE: 'organisation rule',
  PASSPORT: 'passport number',
  BANK_ACCOUNT: 'bank routing or account number',
  CRYPTO_ADDRESS: 'cryptocurrency address',
  IP_ADDRESS: 'IP address',
  MAC_ADDRESS: 'MAC address',
  PERSON: "person's name",
  ADDRESS: 'postal address',
};
