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

export interface TimelineRow {
  t: number;
  kind: RowKind;
  /** The application (or site) in focus when it happened. */
  app: string | undefined;
  summary: string;
  /** For typed runs: the text with redaction tokens in place. */
  parts?: Part[];
}

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
  const endRun = () => {
    run = undefined;
  };
  const typed = (t: number, part: Part) => {
    if (!run) {
      run = { t, kind: 'typed', app, summary: 'Typed', parts: [] };
      rows.push(run);
    }
    const parts = run.parts as Part[];
    const last = parts[parts.length - 1];
    if (part.kind === 'text' && last?.kind === 'text') last.text += part.text;
    else parts.push(part);
  };
  for (const e of events) {
    switch (e.type) {
      case 'focus': {
        // The agent starts every batch with the focus in effect: the same event again, not a switch.
        const key = JSON.stringify([e.t, e.app, e.title]);
        if (key === lastFocus) break;
        lastFocus = key;
        endRun();
        app = str(e.app);
        const title = str(e.title);
        rows.push({
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
        rows.push({ t: e.t, kind: 'shortcut', app, summary: `Pressed ${combo}` });
        break;
      }
      case 'redaction': {
        const entity = str(e.entity) ?? 'SECRET';
        if (run) typed(e.t, { kind: 'token', entity });
        else
          rows.push({
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
        rows.push({ t: e.t, kind: 'paste', app, summary: 'Pasted (the content is never recorded)' });
        break;
      case 'button':
        if (e.dir !== 'down') break;
        endRun();
        rows.push({
          t: e.t,
          kind: 'click',
          app,
          summary: `${capital(str(e.button) ?? 'left')} click at ${num(e.x)}, ${num(e.y)}`,
        });
        break;
      case 'wheel':
      case 'scroll':
        endRun();
        rows.push({
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
        rows.push({ t: e.t, kind: 'move', app, summary: 'Moved the mouse' });
        break;
      }
      case 'element': {
        endRun();
        const name = str(e.name);
        rows.push({
          t: e.t,
          kind: 'element',
          app,
          summary: `${capital(String(e.action).replace('_', ' '))} ${str(e.role) ?? 'element'}${name ? ` “${name}”` : ''}`,
        });
        break;
      }
      case 'navigate':
        endRun();
        app = str(e.origin) ?? app;
        rows.push({
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
        rows.push({ t: e.t, kind: 'task', app, summary });
        break;
      }
      default:
        endRun();
        rows.push({ t: e.t, kind: 'other', app, summary: e.type });
    }
  }
  return rows;
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
