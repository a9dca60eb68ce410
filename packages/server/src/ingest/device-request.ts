/**
 * Requests a device signs with its own key (personal token, lease, push stream): the proof is an
 * Ed25519 signature over {deviceId, issuedAt, nonce, purpose} in domain steno-device-request-v1;
 * it must be fresh (clock skew) and used once (nonce).
 */
import { type ErrorCode, importPublicKey, LIMITS, verifyCanonical } from '@steno/protocol';
import type { SqlClient } from '../store/sql-client.ts';
import { type DeviceRow, findDevice, useDeviceNonce } from '../store/subjects-repo.ts';

export interface DeviceRequestClaims {
  deviceId: string;
  issuedAt: number;
  nonce: string;
  purpose: string;
  proof: string;
}

export type DeviceRequestCheck =
  | { ok: true; device: DeviceRow }
  | { ok: false; code: ErrorCode; message: string };

export async function checkDeviceRequest(
  db: SqlClient,
  req: DeviceRequestClaims,
  now: number,
): Promise<DeviceRequestCheck> {
  const device = await findDevice(db, req.deviceId);
  if (!device) return { ok: false, code: 'DEVICE_UNKNOWN', message: 'no enrolled device has this id' };
  if (device.revokedAt !== null)
    return { ok: false, code: 'DEVICE_REVOKED', message: 'the device was revoked' };
  const claims = { deviceId: req.deviceId, issuedAt: req.issuedAt, nonce: req.nonce, purpose: req.purpose };
  if (!verifyCanonical('steno-device-request-v1', claims, req.proof, importPublicKey(device.publicKey))) {
    return { ok: false, code: 'SIGNATURE_INVALID', message: 'the device signature does not verify' };
  }
  if (Math.abs(now - req.issuedAt) > LIMITS.maxClockSkewMs)
    return { ok: false, code: 'CLOCK_SKEW', message: 'issuedAt is outside the accepted window' };
  const fresh = await useDeviceNonce(
    db,
    device.id,
    `${req.purpose}:${req.nonce}`,
    req.issuedAt + 2 * LIMITS.maxClockSkewMs,
    now,
  );
  if (!fresh) return { ok: false, code: 'SIGNATURE_INVALID', message: 'this request was already used' };
  return { ok: true, device };
}
