/** What each capture level means, in the words the contributor and the privacy officer both read. */
import type { CaptureLevel } from './api.ts';

export const LEVEL_LABELS: Readonly<Record<CaptureLevel, string>> = {
  none: 'Nothing',
  actions: 'Actions only',
  full: 'Actions and typed text',
};

export const LEVEL_EXPLANATIONS: Readonly<Record<CaptureLevel, string>> = {
  none: 'Nothing is captured, not even that the application was used.',
  actions:
    'Clicks, scrolling, window changes and keyboard shortcuts. No typed characters, and not how many were typed.',
  full: 'Actions plus typed text. Before anything is stored, the filter on your device replaces secrets and personal data (passwords, keys, e-mail addresses, phone and card numbers…) with a token naming only their type.',
};

/** A short sample of the same moment at each level, for the scope editor's preview. */
export const LEVEL_PREVIEW: Readonly<Record<CaptureLevel, string[]>> = {
  none: ['(nothing)'],
  actions: ['Switched to Mail — Inbox', 'Left click at 412, 230', 'Pressed Ctrl+Enter'],
  full: [
    'Switched to Mail — Inbox',
    'Left click at 412, 230',
    'Typed “Report attached, reach me at [email address]”',
    'Pressed Ctrl+Enter',
  ],
};
