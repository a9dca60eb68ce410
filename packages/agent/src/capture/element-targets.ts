/**
 * Desktop element targets (issue 17): which captured events call for a read of the accessibility
 * tree — a button press (the element under the pointer) and the first key of a typing run (the
 * element with the keyboard focus) — and the `element` event made of what was read. The event
 * carries only what the scope allows and the filter passed: names and the ancestor path go through
 * the privacy filter like typed text, a password field gives no event at all, and a role that is
 * not a plain AT-SPI role name is not kept.
 *
 * A password field found where typing started also tells what the typing was (DESIGN invariant 2:
 * a password field yields no typed content, not even its length): the run's keys are held until the
 * read answers, and for a password field they are replaced by one PASSWORD marker, as are the keys
 * typed there after it, until the run ends (a click, a focus change, a key such as Enter or Tab).
 */
import { redactText } from '@steno/privacy';
import type { CaptureLevel, ElementEvent, Modifier, StenoEvent } from '@steno/protocol';
import type { AccessibleElement, ElementQuery } from './accessibility.ts';

export interface ElementTrigger {
  query: ElementQuery;
  action: 'click' | 'right_click' | 'type';
  /** The triggering event's time and pointer position. */
  t: number;
  x?: number | undefined;
  y?: number | undefined;
  mods: Modifier[];
}

/** A typing run ends after this much quiet (as the dataset builder's `typingIdleMs`). */
const TYPING_IDLE_MS = 1_000;
/** Keys that do not end a typing run. */
const IN_RUN_KEYS = /^(Shift|Control|Alt|Meta|Super|AltGr|CapsLock|NumLock|Backspace)/;
const ROLE = /^[a-z][a-z -]{0,63}$/;
/**
 * Roles whose accessible name is the content shown rather than a label (a table's or a tree's
 * cells: file names, records; a paragraph; a terminal's text): their name is not kept, as the
 * browser extension keeps table headers but never cell content.
 */
const CONTENT_ROLES: ReadonlySet<string> = new Set(['table cell', 'tree item', 'paragraph', 'terminal']);
const MAX_NAME = 256;
const MAX_SELECTOR = 512;
const STATE = /^[a-z_]{1,32}$/;

/** Decides, event by event in capture order, which ones call for an element read. */
export class ElementTriggers {
  #lastCharT: number | undefined;
  /** The current run is typed into a password field. */
  #secret = false;

  /** The focus moved: the next typed character starts a run. */
  focusChanged(): void {
    this.#lastCharT = undefined;
    this.#secret = false;
  }

  /** The current typing run is in a password field: its keys are not kept. */
  markSecret(): void {
    this.#secret = true;
  }

  /**
   * Whether an event is typing into a password field (call after `triggerFor` for the same event):
   * every key of the run, releases and Shift included (a release names its key).
   */
  suppresses(e: StenoEvent): boolean {
    return this.#secret && e.type === 'key';
  }

  /**
   * The read an event calls for, if any. Only for a window whose process is known (the read is
   * confined to that application) and, for typing, only at the `full` level (typed text captured).
   */
  triggerFor(e: StenoEvent, level: CaptureLevel, pid: number | undefined): ElementTrigger | undefined {
    if (level === 'none') return undefined;
    if (e.type === 'button') {
      if (e.dir !== 'down') return undefined;
      this.#lastCharT = undefined;
      this.#secret = false;
      if (e.button !== 'left' && e.button !== 'right' && e.button !== 'middle') return undefined;
      if (pid === undefined) return undefined;
      return {
        query: { kind: 'point', x: e.x, y: e.y, pid },
        action: e.button === 'right' ? 'right_click' : 'click',
        t: e.t,
        x: e.x,
        y: e.y,
        mods: e.mods,
      };
    }
    if (e.type !== 'key' || e.dir !== 'down') return undefined;
    if (endsTypingRun(e)) {
      this.#lastCharT = undefined;
      this.#secret = false;
      return undefined;
    }
    if (e.char === undefined) return undefined;
    const starts = this.#lastCharT === undefined || e.t - this.#lastCharT > TYPING_IDLE_MS;
    this.#lastCharT = e.t;
    if (!starts || this.#secret || level !== 'full' || pid === undefined) return undefined;
    return { query: { kind: 'focus', pid }, action: 'type', t: e.t, mods: [] };
  }
}

/**
 * Whether an event ends a typing run: a press of a mouse button, a shortcut, or a key that is
 * neither a character, a modifier nor Backspace (Enter, Tab, Escape, arrows, ...).
 */
export function endsTypingRun(e: StenoEvent): boolean {
  if (e.type === 'button') return e.dir === 'down';
  if (e.type !== 'key' || e.dir !== 'down') return false;
  if (e.mods.some((m) => m === 'ctrl' || m === 'alt' || m === 'meta')) return true;
  return e.char === undefined && !IN_RUN_KEYS.test(e.key);
}

function clean(text: string): string {
  return redactText(text).text;
}

/** The accessibility path from the window to the element: `dialog "Title" > filler > push button "OK"`. */
function pathOf(element: AccessibleElement): string {
  const parts = [...element.ancestors, { role: element.role, name: element.name }].map((n) => {
    const name = labelOf(n.role, n.name);
    return name === undefined ? n.role : `${n.role} ${JSON.stringify(name.slice(0, 64))}`;
  });
  let path = parts.join(' > ');
  // keep the element's end of a long path
  if (path.length > MAX_SELECTOR) path = `…${path.slice(path.length - MAX_SELECTOR + 1)}`;
  return path;
}

/** The name to keep: filtered, and none for a role whose name is content. */
function labelOf(role: string, name: string | undefined): string | undefined {
  if (name === undefined || CONTENT_ROLES.has(role)) return undefined;
  const label = clean(name);
  return label === '' ? undefined : label;
}

/** The element event for what was read at a trigger, or undefined when nothing of it may be kept. */
export function desktopElementEvent(
  element: AccessibleElement,
  trigger: ElementTrigger,
  t: number,
): ElementEvent | undefined {
  if (!ROLE.test(element.role)) return undefined;
  const box = element.box;
  const name = labelOf(element.role, element.name)?.slice(0, MAX_NAME);
  return {
    type: 'element',
    t,
    source: 'desktop',
    action: trigger.action,
    role: element.role,
    ...(name ? { name } : {}),
    selector: pathOf(element),
    states: element.states.filter((s) => STATE.test(s)).slice(0, 48),
    screen: { x: box.x, y: box.y, w: box.w, h: box.h },
    ...(trigger.x !== undefined && trigger.y !== undefined ? { x: trigger.x, y: trigger.y } : {}),
    mods: trigger.mods,
  };
}
