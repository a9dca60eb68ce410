/**
 * The device's capture lease for a source that captures (live hooks, replay): a `LeaseHolder`
 * renewed over `POST /v1/device/lease` and fed by the push stream, built from the source context
 * at attach. One place, so every capturing source obeys the same lease, pauses included.
 */

import type { SourceContext } from './event-source.ts';
import { leaseRequester, runLeaseStream } from './lease-client.ts';
import { LeaseHolder, type LeaseView } from './lease-holder.ts';

export interface DeviceLease {
  readonly holder: LeaseHolder;
  /** Stops renewal and the push stream. */
  stop(): Promise<void>;
}

export function startDeviceLease(context: SourceContext, onChange?: (view: LeaseView) => void): DeviceLease {
  const { identity } = context;
  const client = {
    server: context.server,
    deviceId: identity.deviceId,
    privateKey: identity.privateKey,
    ...(context.requestTimeoutMs ? { requestTimeoutMs: context.requestTimeoutMs } : {}),
  };
  const holder = new LeaseHolder({
    deviceId: identity.deviceId,
    subject: identity.subject,
    leaseKey: identity.leaseKey,
    request: leaseRequester(client),
    log: context.log,
    backoff: context.backoff,
    onChange,
  });
  const abort = new AbortController();
  const stream = runLeaseStream(
    { ...client, log: context.log, backoff: context.backoff, onLease: (data) => holder.take(data) },
    abort.signal,
  );
  if (!identity.leaseKey) context.log('warn', 'lease_key_missing', { code: 'LEASE_KEY_MISSING' });
  holder.start();
  return {
    holder,
    async stop() {
      abort.abort();
      await holder.stop();
      await stream;
    },
  };
}
