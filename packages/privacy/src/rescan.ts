/**
 * The server's second wall: run the same stream filter over a batch the device already filtered.
 * Markers and pastes already in the batch are opaque to it; `redacted` counts the markers it had
 * to add, which ingest records in the audit log (a non-zero count means a device let something by).
 */
import type { StenoEvent } from '@steno/protocol';
import { createPrivacyFilter, type FilterOptions } from './privacy-filter.ts';

export function rescanEvents(
  events: StenoEvent[],
  options?: FilterOptions,
): { events: StenoEvent[]; redacted: number } {
  const filter = createPrivacyFilter(options);
  const out: StenoEvent[] = [];
  for (const e of events) for (const o of filter.push(e)) out.push(o);
  for (const o of filter.flush()) out.push(o);
  return { events: out, redacted: filter.markers };
}
