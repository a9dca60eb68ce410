/// <reference lib="dom" />
/**
 * Which page elements are never recorded, decided before any event exists (mask first, then
 * record): password fields; fields whose `autocomplete` names a credential or payment value; fields
 * whose name, id, label or placeholder says password, PIN, one-time code or card data; anything
 * marked `data-steno-private`; and labels of such fields. Nothing about them leaves the page — no
 * key, no click, not even that they were used. Text fields are the only elements whose typed
 * characters may be recorded (at the `full` level, through the privacy filter).
 */

/** `autocomplete` tokens of credentials and payment data (HTML autofill detail tokens). */
const SECRET_AUTOCOMPLETE =
  /(^|\s)(current-password|new-password|one-time-code|username|webauthn|cc-[a-z-]+|transaction-amount|transaction-currency)(\s|$)/i;

/** Names, ids, labels and placeholders that announce a secret. */
const SECRET_HINT =
  /pass(word|wd|code|phrase)?\b|passw|pwd|\bpin\b|otp|totp|2fa|mfa|one.?time|verification.?code|cvc|cvv|csc|security.?code|card.?(number|num|no)|cc.?(num|number)|iban|\bssn\b/i;

const TEXT_INPUT_TYPES = new Set(['', 'text', 'search', 'email', 'url', 'tel']);

function isInput(el: Element): el is HTMLInputElement {
  return el.tagName === 'INPUT';
}

function hints(el: Element): string {
  const parts = [
    el.getAttribute('name'),
    el.id,
    el.getAttribute('aria-label'),
    el.getAttribute('placeholder'),
  ];
  const labels = (el as HTMLInputElement).labels;
  if (labels) for (const l of Array.from(labels)) parts.push(l.textContent);
  return parts.filter((p): p is string => typeof p === 'string' && p !== '').join(' ');
}

/** True when nothing about this element may ever be recorded. */
export function isNeverCaptured(el: Element | null | undefined): boolean {
  if (!el) return false;
  if (el.closest('[data-steno-private]')) return true;
  if (el.tagName === 'LABEL') {
    const control = (el as HTMLLabelElement).control;
    if (control && control !== el && isNeverCaptured(control)) return true;
  }
  const isField = isInput(el) || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT';
  if (!isField) return false;
  if (isInput(el) && el.type === 'password') return true;
  if (SECRET_AUTOCOMPLETE.test(el.getAttribute('autocomplete') ?? '')) return true;
  return SECRET_HINT.test(hints(el));
}

/** A field whose typed characters are text (at `full`, through the privacy filter). */
export function isTextField(el: Element | null | undefined): boolean {
  if (!el) return false;
  if (isInput(el)) return TEXT_INPUT_TYPES.has((el.getAttribute('type') ?? '').toLowerCase());
  if (el.tagName === 'TEXTAREA') return true;
  return (el as HTMLElement).isContentEditable === true;
}

/** The element keystrokes go to: the focused element, through open shadow roots. */
export function focusedElement(doc: Document): Element | null {
  let el: Element | null = doc.activeElement;
  while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
  return el;
}
