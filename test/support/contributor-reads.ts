/**
 * Test support for the end-to-end tests that drive a live agent: requests with a bearer token,
 * and reading back what the server stored for a contributor (GET /v1/me/events with the
 * contributor's own token) until a condition on the stored events holds.
 */
import type { StenoEvent } from '@steno/protocol';
import { issueApiToken } from '../../packages/server/src/auth/api-tokens.ts';
import type { StenoServer } from '../../packages/server/src/steno-server.ts';
import { waitFor } from './wait-for.ts';

export type Method = 'GET' | 'PUT' | 'POST';

/** `server.app.inject` with `Authorization: Bearer <token>` and an optional JSON body. */
export function bearer(server: StenoServer) {
  return (token: string, method: Method, path: string, payload?: object) =>
    server.app.inject({
      method,
      url: path,
      headers: { authorization: `Bearer ${token}` },
      ...(payload ? { payload } : {}),
    });
}

/**
 * The contributor's stored events (at most `limit`), read with their own `me:read` token until
 * `until` holds for them, or fails naming `what` after `timeoutMs`.
 */
export async function storedEventsWhen(
  server: StenoServer,
  subject: string,
  until: (events: StenoEvent[]) => boolean,
  opts: { limit: number; timeoutMs: number; what: string },
): Promise<StenoEvent[]> {
  const me = await issueApiToken(
    server.db,
    { principal: `person:${subject}`, role: 'contributor', subject, scopes: ['me:read'], ttlMs: 600_000 },
    Date.now(),
  );
  const as = bearer(server);
  let events: StenoEvent[] = [];
  await waitFor(
    async () => {
      const res = await as(me.token, 'GET', `/v1/me/events?limit=${opts.limit}`);
      events = (res.json() as { events: { event: StenoEvent }[] }).events.map((e) => e.event);
      return until(events);
    },
    opts.timeoutMs,
    opts.what,
  );
  return events;
}

/** A task's end marker among stored events. */
export const hasTaskEnd = (events: StenoEvent[]): boolean =>
  events.some((e) => e.type === 'task' && e.phase === 'end');
