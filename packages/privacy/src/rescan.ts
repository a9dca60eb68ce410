/**
 * The server's second wall: run the same stream filter over a batch the device already filtered.
 * Markers and pastes already in the batch are opaque to it; `redacted` counts the markers it had
 * to add, which ingest records in the audit log (a non-zero count means a device let something by).
 */
import type { StenoEvent } from '@steno/protocol';
import { isPasteShortcut } from './key-classes.ts';
import { createPrivacyFilter, type FilterOptions } from './privacy-filter.ts';

/**
 * Whether the filter has anything to do with an event: a typed character, a paste shortcut, a
 * window title, a task label, or a browser event's strings (names, values, selectors, paths). Other
 * key names, pointer and wheel events, markers and pastes pass through it unchanged.
 */
function carriesText(e: StenoEvent): boolean {
  switch (e.type) {
    case 'key':
      // A paste shortcut becomes a paste marker in the filter, with or without a character.
      return e.char !== undefined || isPasteShortcut(e);
    case 'focus':
      return e.title !== undefined;
    case 'task':
      return e.label !== undefined;
    case 'element':
    case 'navigate':
    case 'scroll':
      return true;
    default:
      return false;
  }
}

export function rescanEvents(
  events: StenoEvent[],
  options?: FilterOptions,
): { events: StenoEvent[]; redacted: number } {
  // Nothing to read, nothing to find (issue 19): a batch of pointer events and key names passes
  // as it is (the property test holds the filter to that).
  if (!events.some(carriesText)) return { events, redacted: 0 };
  const filter = createPrivacyFilter(options);
  const out: StenoEvent[] = [];
  for (const e of events) for (const o of filter.push(e)) out.push(o);
  for (const o of filter.flush()) out.push(o);
  return { events: out, redacted: filter.markers };
}
