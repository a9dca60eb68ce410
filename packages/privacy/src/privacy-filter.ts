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
}

export interface PrivacyFilter {
  /** Feed one event in capture order; returns the events now decided and safe to store (possibly none: held for lookahead). Output order = input order. */
  push(event: StenoEvent): StenoEvent[];
  /** Decide everything held (batch close, idle, shutdown) and return it. */
  flush(): StenoEvent[];
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

export function createPrivacyFilter(options: FilterOptions = {}): PrivacyFilter {
  const detectOptions: DetectOptions | undefined = options.rules ? { rules: options.rules } : undefined;
  const titlePatterns = options.passwordTitlePatterns ?? DEFAULT_PASSWORD_TITLE_PATTERNS;
  const softCut = options.softCutChars ?? 512;
  const maxHeld = options.maxHeldEvents ?? 8192;

  let held: StenoEvent[] = [];
  const text = new KeystrokeText();
  const dropNextUp = new Set<string>();
  let passwordWindow = false;
  let expectPassword = false;
  let inPrivateKey = false;
  let carry = '';
  let carryGrams = new Map<string, EntityType>();
  let tail = '';
  let markers = 0;

  function wholeEntity(): EntityType | null {
    if (passwordWindow || expectPassword) return 'PASSWORD';
    return inPrivateKey ? 'PRIVATE_KEY' : null;
  }

  /** Decides everything held; `enter` says the line was entered (prompts apply to the next line). */
  function decide(enter: boolean, soft: boolean): StenoEvent[] {
    if (held.length === 0) return [];
    const final = text.final();
    const whole = wholeEntity();
    const seg = decideSegment({
      events: held,
      wholeEntity: text.typedCount > 0 ? whole : null,
      final,
      typed: text.typed(),
      linear: text.isLinear(),
      carry,
      tail,
      options: detectOptions,
      carryGrams,
    });
    markers += seg.markers;
    for (const k of seg.pendingUps) dropNextUp.add(k);
    // state for what comes next
    if (inPrivateKey) {
      if (closesPrivateKey(final.text)) inPrivateKey = false;
    } else if (opensPrivateKey(final.text)) inPrivateKey = true;
    if (!soft) {
      if (expectPassword && (enter || text.typedCount > 0)) expectPassword = false;
      if (enter && !passwordWindow && whole === null && promptsForPassword(final.text)) expectPassword = true;
    }
    carry = soft ? (carry + final.text).slice(-CARRY_CHARS) : '';
    carryGrams = soft ? seg.grams : new Map();
    text.reset();
    held = [];
    tail = tailOf(tail, seg.events);
    return seg.events;
  }

  function emitNow(e: StenoEvent): StenoEvent[] {
    if (e.type === 'key' && e.char !== undefined) tail = (tail + e.char).slice(-3);
    return [e];
  }

  function onKey(e: KeyEvent): StenoEvent[] {
    if (e.dir === 'up' && dropNextUp.has(e.key)) {
      dropNextUp.delete(e.key);
      return [];
    }
    if (isPasteShortcut(e)) {
      dropNextUp.add(e.key);
      return onOpaque({ type: 'paste', t: e.t });
    }
    if (e.dir === 'down' && isBoundaryKey(e.key)) {
      held.push(e);
      return decide(e.key !== 'Tab', false);
    }
    const ch = typedChar(e);
    if (ch === undefined && held.length === 0 && text.typedCount === 0) return emitNow(e);
    held.push(e);
    const idx = held.length - 1;
    if (ch !== undefined) {
      text.insert(ch, idx);
      if (text.lineLength >= softCut && (ch === ' ' || ch === '\t')) return decide(false, true);
    } else if (e.dir === 'down') {
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
    return held.length >= maxHeld ? decide(false, true) : [];
  }

  /** Content the filter cannot see (a paste, an earlier marker): held, and breaks any token. */
  function onOpaque(e: StenoEvent): StenoEvent[] {
    held.push(e);
    text.insert(OPAQUE, held.length - 1);
    return [];
  }

  function onFocus(e: FocusEvent): StenoEvent[] {
    const out = decide(false, false);
    expectPassword = false;
    inPrivateKey = false;
    passwordWindow = isPasswordWindow(e.app, e.title, titlePatterns);
    if (e.title !== undefined) {
      const title = redactText(e.title, detectOptions).text;
      out.push(title === e.title ? e : { ...e, title });
    } else out.push(e);
    return out;
  }

  return {
    get held(): number {
      return held.length;
    },
    push(event: StenoEvent): StenoEvent[] {
      switch (event.type) {
        case 'key':
          return onKey(event);
        case 'focus':
          return onFocus(event);
        case 'paste':
        case 'redaction':
          return onOpaque(event);
        case 'button':
        case 'task': {
          if (event.type === 'button' && event.dir === 'up' && held.length === 0) return [event];
          const out = decide(false, false);
          out.push(event);
          return out;
        }
        default:
          if (held.length === 0) return [event];
          held.push(event);
          return [];
      }
    },
    flush(): StenoEvent[] {
      return decide(false, false);
    },
    get markers() {
      return markers;
    },
  };
}
