/**
 * The streaming privacy filter the agent runs before its spool. Events are held from the first
 * event that may belong to typed text until a boundary (Enter, Tab, vertical cursor keys, a click,
 * a focus change, a task mark, or a soft cut in a long line) lets it decide; then the held events
 * come out in input order with every detected span replaced by one marker.
 */
import type { EntityType, FocusEvent, KeyEvent, StenoEvent } from '@steno/protocol';
import type { DetectOptions, OrgRules } from './detection.ts';
import { isBoundaryKey, isPasteShortcut, isWordwise, typedChar } from './key-classes.ts';
import { KeystrokeText, OPAQUE } from './keystroke-text.ts';
import {
  closesPrivateKey,
  DEFAULT_PASSWORD_TITLE_PATTERNS,
  isPasswordWindow,
  opensPrivateKey,
  promptsForPassword,
} from './password-context.ts';
import { redactText } from './redact-text.ts';
import { decideSegment } from './segment-redaction.ts';

export interface FilterOptions {
  /** Organisation patterns and word lists from the capture policy. */
  rules?: OrgRules;
  /** Window titles that mark a password window; defaults to DEFAULT_PASSWORD_TITLE_PATTERNS. */
  passwordTitlePatterns?: readonly RegExp[];
  /** Typed characters after which a long line is cut at the next space (default 512). */
  softCutChars?: number;
  /** Held events after which the filter decides whatever it holds (default 8192). */
  maxHeldEvents?: number;
  /** Which IP addresses are redacted (`DetectOptions.ipAddresses`, default `all`). */
  ipAddresses?: DetectOptions['ipAddresses'];
  /** People's names and postal addresses (default true): off for an app where they hurt. */
  names?: boolean;
  /**
   * Per window, from each focus event on: whether names and addresses are detected while it is in
   * focus (the capture lease's app rule, `names: false`: see `CompiledScope.namesFor`). Before the
   * first focus event, and without this, `names` decides.
   */
  namesInWindow?: (focus: FocusEvent) => boolean;
}

export interface PrivacyFilter {
  /** Feed one event in capture order; returns the events now decided and safe to store (possibly none: held for lookahead). Output order = input order. */
  push(event: StenoEvent): StenoEvent[];
  /** Decide everything held (end of input, shutdown) and return it. */
  flush(): StenoEvent[];
  /**
   * Decide what is held as if the line went on (a pause in typing): the text decided so far is
   * carried as context into what follows, so a value typed after the pause is still judged with
   * it ("password is" … "hunter2"). Call it only at a token boundary: characters emitted now
   * cannot be recalled if the next keystrokes complete an identifier.
   */
  softFlush(): StenoEvent[];
  /** Markers added so far (the server's rescan reports this). */
  readonly markers: number;
  /** Events held for lookahead, not yet decided (0: everything pushed so far has been emitted). */
  readonly held: number;
}

const CARRY_CHARS = 64;

/** The last three characters emitted, after `events` follow `tail`. */
function tailOf(tail: string, events: StenoEvent[]): string {
  let t = '';
  for (let i = events.length - 1; i >= 0 && t.length < 3; i--) {
    const e = events[i] as StenoEvent;
    if (e.type === 'key' && e.char !== undefined) t = e.char + t;
  }
  return t.length >= 3 ? t.slice(-3) : (tail + t).slice(-3);
}

/**
 * The filter's state lives in one object whose methods are shared: creating a filter allocates no
 * closures, and a keystroke that only extends the held line allocates nothing but its result.
 */
class StreamFilter implements PrivacyFilter {
  /** The detect options in force: names on or off with the window in focus. */
  #detectOptions: DetectOptions | undefined;
  readonly #withNames: DetectOptions | undefined;
  readonly #withoutNames: DetectOptions;
  readonly #namesInWindow: ((focus: FocusEvent) => boolean) | undefined;
  readonly #titlePatterns: readonly RegExp[];
  readonly #softCut: number;
  readonly #maxHeld: number;

  #held: StenoEvent[] = [];
  readonly #text = new KeystrokeText();
  readonly #dropNextUp = new Set<string>();
  #passwordWindow = false;
  #expectPassword = false;
  #inPrivateKey = false;
  #carry = '';
  #carryGrams: ReadonlyMap<string, EntityType> = NO_GRAMS;
  #tail = '';
  #markers = 0;

  constructor(options: FilterOptions) {
    const detect: DetectOptions = {};
    if (options.rules) detect.rules = options.rules;
    if (options.ipAddresses !== undefined) detect.ipAddresses = options.ipAddresses;
    if (options.names !== undefined) detect.names = options.names;
    this.#withNames = Object.keys(detect).length > 0 ? detect : undefined;
    this.#withoutNames = { ...detect, names: false };
    this.#detectOptions = this.#withNames;
    this.#namesInWindow = options.namesInWindow;
    this.#titlePatterns = options.passwordTitlePatterns ?? DEFAULT_PASSWORD_TITLE_PATTERNS;
    this.#softCut = options.softCutChars ?? 512;
    this.#maxHeld = options.maxHeldEvents ?? 8192;
  }

  get held(): number {
    return this.#held.length;
  }

  get markers(): number {
    return this.#markers;
  }

  push(event: StenoEvent): StenoEvent[] {
    switch (event.type) {
      case 'key':
        return this.#onKey(event);
      case 'focus':
        return this.#onFocus(event);
      case 'paste':
      case 'redaction':
        return this.#onOpaque(event);
      case 'button': {
        if (event.dir === 'up' && this.#held.length === 0) return [event];
        const out = this.#decide(false, false);
        out.push(event);
        return out;
      }
      case 'task': {
        // A task's label is text the contributor typed (issue 17): filtered like typed text.
        const out = this.#decide(false, false);
        out.push(this.#scrubbed(event));
        return out;
      }
      case 'element':
      case 'navigate': {
        // A click on a page element or a navigation ends a line of typing, like a mouse click;
        // its own strings (accessible names, option labels, selectors, paths) are checked too.
        const out = this.#decide(false, false);
        out.push(this.#scrubbed(event));
        return out;
      }
      case 'scroll': {
        const scrubbed = this.#scrubbed(event);
        if (this.#held.length === 0) return [scrubbed];
        this.#held.push(scrubbed);
        return [];
      }
      default:
        if (this.#held.length === 0) return [event];
        this.#held.push(event);
        return [];
    }
  }

  /** The event with every free-text field redacted (a second check behind the browser extension's). */
  #scrubbed<E extends StenoEvent & { type: 'element' | 'navigate' | 'scroll' | 'task' }>(event: E): E {
    const fields =
      event.type === 'element'
        ? (['name', 'value', 'selector'] as const)
        : event.type === 'navigate'
          ? (['path', 'query', 'fragment'] as const)
          : event.type === 'task'
            ? (['label'] as const)
            : (['selector'] as const);
    let copy: E | undefined;
    for (const f of fields) {
      const value = (event as Record<string, unknown>)[f];
      if (typeof value !== 'string' || value.length === 0) continue;
      // a selector is read as the text it names: `jane\.doe\@example\.com` is an address
      const r = redactText(f === 'selector' ? cssUnescaped(value) : value, this.#detectOptions);
      if (r.detections.length === 0) continue;
      copy ??= { ...event };
      (copy as Record<string, unknown>)[f] = r.text;
      this.#markers += r.detections.length;
    }
    return copy ?? event;
  }

  softFlush(): StenoEvent[] {
    return this.#decide(false, true);
  }

  flush(): StenoEvent[] {
    return this.#decide(false, false);
  }

  #wholeEntity(): EntityType | null {
    if (this.#passwordWindow || this.#expectPassword) return 'PASSWORD';
    return this.#inPrivateKey ? 'PRIVATE_KEY' : null;
  }

  /** Decides everything held; `enter` says the line was entered (prompts apply to the next line). */
  #decide(enter: boolean, soft: boolean): StenoEvent[] {
    const held = this.#held;
    if (held.length === 0) return [];
    const text = this.#text;
    const final = text.final();
    const whole = this.#wholeEntity();
    const seg = decideSegment({
      events: held,
      wholeEntity: text.typedCount > 0 ? whole : null,
      final,
      typed: text.typed(),
      linear: text.isLinear(),
      carry: this.#carry,
      tail: this.#tail,
      options: this.#detectOptions,
      carryGrams: this.#carryGrams,
    });
    this.#markers += seg.markers;
    for (const k of seg.pendingUps) this.#dropNextUp.add(k);
    // state for what comes next
    if (this.#inPrivateKey) {
      if (closesPrivateKey(final.text)) this.#inPrivateKey = false;
    } else if (opensPrivateKey(final.text)) this.#inPrivateKey = true;
    if (!soft) {
      if (this.#expectPassword && (enter || text.typedCount > 0)) this.#expectPassword = false;
      if (enter && !this.#passwordWindow && whole === null && promptsForPassword(final.text))
        this.#expectPassword = true;
    }
    this.#carry = soft ? (this.#carry + final.text).slice(-CARRY_CHARS) : '';
    this.#carryGrams = soft ? seg.grams : NO_GRAMS;
    text.reset();
    this.#held = [];
    this.#tail = tailOf(this.#tail, seg.events);
    return seg.events;
  }

  #onKey(e: KeyEvent): StenoEvent[] {
    const held = this.#held;
    const text = this.#text;
    if (e.dir === 'up') {
      // a key-up is never text, a paste or a boundary
      if (this.#dropNextUp.size > 0 && this.#dropNextUp.delete(e.key)) return [];
      if (held.length === 0 && text.typedCount === 0) return this.#emitNow(e);
      held.push(e);
      return held.length >= this.#maxHeld ? this.#decide(false, true) : [];
    }
    if (isPasteShortcut(e)) {
      this.#dropNextUp.add(e.key);
      return this.#onOpaque({ type: 'paste', t: e.t });
    }
    if (isBoundaryKey(e.key)) {
      held.push(e);
      return this.#decide(e.key !== 'Tab', false);
    }
    const ch = typedChar(e);
    if (ch === undefined && held.length === 0 && text.typedCount === 0) return this.#emitNow(e);
    held.push(e);
    const idx = held.length - 1;
    if (ch !== undefined) {
      text.insert(ch, idx);
      if (text.lineLength >= this.#softCut && (ch === ' ' || ch === '\t')) return this.#decide(false, true);
    } else {
      const word = isWordwise(e);
      switch (e.key) {
        case 'Backspace':
          text.backspace(idx, word);
          break;
        case 'Delete':
          text.delete(idx, word);
          break;
        case 'ArrowLeft':
          text.left(word);
          break;
        case 'ArrowRight':
          text.right(word);
          break;
        case 'Home':
          text.home();
          break;
        case 'End':
          text.end();
          break;
      }
    }
    return held.length >= this.#maxHeld ? this.#decide(false, true) : [];
  }

  #emitNow(e: KeyEvent): StenoEvent[] {
    if (e.char !== undefined) this.#tail = (this.#tail + e.char).slice(-3);
    return [e];
  }

  /** Content the filter cannot see (a paste, an earlier marker): held, and breaks any token. */
  #onOpaque(e: StenoEvent): StenoEvent[] {
    this.#held.push(e);
    this.#text.insert(OPAQUE, this.#held.length - 1);
    return [];
  }

  #onFocus(e: FocusEvent): StenoEvent[] {
    const out = this.#decide(false, false);
    this.#expectPassword = false;
    this.#inPrivateKey = false;
    this.#passwordWindow = isPasswordWindow(e.app, e.title, this.#titlePatterns);
    // what was typed before is decided above under the window it was typed in; the new window's
    // title and what follows, under the new one
    if (this.#namesInWindow !== undefined)
      this.#detectOptions = this.#namesInWindow(e) ? this.#withNames : this.#withoutNames;
    if (e.title !== undefined) {
      const title = redactText(e.title, this.#detectOptions).text;
      out.push(title === e.title ? e : { ...e, title });
    } else out.push(e);
    return out;
  }
}

const NO_GRAMS: ReadonlyMap<string, EntityType> = new Map();

export function createPrivacyFilter(options: FilterOptions = {}): PrivacyFilter {
  return new StreamFilter(options);
}

/**
 * A CSS selector with its escapes undone (CSS Syntax 3, "consume an escaped code point"): `\` and
 * one to six hex digits (and one white space after them) name a code point, `\` before any other
 * character stands for that character. A page's ids and test ids are escaped in selectors, which a
 * detector would not recognise: the filter reads what the page said. Where something is found the
 * selector becomes the redacted unescaped text (it finds nothing again after redaction anyway).
 */
export function cssUnescaped(selector: string): string {
  if (!selector.includes('\\')) return selector;
  return selector.replace(
    /\\(?:([0-9A-Fa-f]{1,6})[ \t\n\r\f]?|([^\n\r\f0-9A-Fa-f]))/g,
    (_m, hex: string | undefined, ch: string | undefined) => {
      if (hex === undefined) return ch ?? '';
      const cp = Number.parseInt(hex, 16);
      return cp === 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)
        ? '\uFFFD'
        : String.fromCodePoint(cp);
    },
  );
}
