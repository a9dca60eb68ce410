/// <reference lib="dom" />
/**
 * The field policy (field-policy.ts) of the element keystrokes go to, decided once and reused for
 * each key until anything it was decided from may have changed. Deciding costs a look-up of the
 * field's labels, which on a large page is the most expensive step of a keystroke; a word typed
 * into one field asks the same question dozens of times.
 *
 * The cache never answers from before a change: while it holds a field's policy, a
 * MutationObserver watches the field's tree (document or shadow root) for added or removed nodes,
 * text changes (a label's text) and every attribute the policy reads (type, name, id,
 * autocomplete, aria-label, placeholder, a label's `for`, `data-steno-private`, contenteditable),
 * and every question first takes the observer's pending records synchronously (`takeRecords`), so a
 * change made by the page just before a keystroke is seen by that keystroke. Any record at all
 * means decide again. Elements that are not fields are decided afresh each time (it is cheap for
 * them), and nothing is observed while focus is outside a field.
 */
import { isNeverCaptured, isTextField } from './field-policy.ts';

export interface FieldPolicy {
  /** Nothing about this element may be recorded. */
  never: boolean;
  /** Its typed characters are text (recorded at `full`, through the privacy filter). */
  text: boolean;
}

/** Every attribute isNeverCaptured and isTextField read, on the field, its labels or its ancestors. */
export const WATCHED_ATTRIBUTES = [
  'type',
  'name',
  'id',
  'autocomplete',
  'aria-label',
  'placeholder',
  'for',
  'data-steno-private',
  'contenteditable',
];

function decide(el: Element | null): FieldPolicy {
  const never = isNeverCaptured(el);
  return { never, text: !never && isTextField(el) };
}

function isField(el: Element): boolean {
  const tag = el.tagName;
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || el.hasAttribute('contenteditable');
}

export class FieldPolicyCache {
  #el: Element | null = null;
  #policy: FieldPolicy = { never: false, text: false };
  #observer: MutationObserver | undefined;
  #changed = true;
  /** How often a policy was decided (not served from the cache): for tests. */
  decisions = 0;

  /** The policy for `el` now. */
  policy(el: Element | null): FieldPolicy {
    if (el && el === this.#el && !this.#changed) {
      const pending = this.#observer?.takeRecords().length ?? 1;
      if (pending === 0) return this.#policy;
    }
    this.decisions += 1;
    if (!el || !isField(el)) {
      this.clear();
      return decide(el);
    }
    this.#watch(el);
    this.#el = el;
    this.#changed = false;
    this.#policy = decide(el);
    return this.#policy;
  }

  /** Forgets the cached field and stops observing. */
  clear(): void {
    this.#observer?.disconnect();
    this.#observer = undefined;
    this.#el = null;
    this.#changed = true;
  }

  #watch(el: Element): void {
    this.#observer?.disconnect();
    this.#observer = new MutationObserver(() => {
      this.#changed = true;
    });
    this.#observer.observe(el.getRootNode(), {
      subtree: true,
      childList: true,
      characterData: true,
      attributes: true,
      attributeFilter: WATCHED_ATTRIBUTES,
    });
  }
}
