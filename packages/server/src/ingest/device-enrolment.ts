/**
 * Device enrolment: an operator mints a single-use, expiring token for a subject; a device posts
 * its public key with the token and a proof of possession, and is bound to that subject for good.
 * A device may also ask for a personal read token for its own subject (the contributor at it).
 */
import { randomBytes } from 'node:crypto';
import {
  DeviceTokenRequest,
  EnrolRequest,
  type EnrolResponse,
  type ErrorCode,
  importPublicKey,
  isSupportedVersion,
  type TokenResponse,
  verifyCanonical,
} from '@steno/protocol';
import { hashSecret, issueApiToken, newSecret } from '../auth/api-tokens.ts';
import type { SqlClient } from '../store/sql-client.ts';
import { isUniqueViolation } from '../store/sql-client.ts';
import { consumeEnrolToken, ensureSubject, insertDevice, insertEnrolToken } from '../store/subjects-repo.ts';
import { checkDeviceRequest } from './device-request.ts';

type Fail = { ok: false; code: ErrorCode; message: string };
const fail = (code: ErrorCode, message: string): Fail => ({ ok: false, code, message });

export interface EnrolmentDeps {
  db: SqlClient;
  /** The server's lease-signing public key (raw, base64url), pinned by devices at enrolment. */
  leaseKey?: string;
  now: () => number;
  enrolTokenTtlMs: number;
  personalTokenTtlMs: number;
}

export async function createEnrolToken(
  deps: EnrolmentDeps,
  subject: string,
  createdBy: string,
  ttlMs = deps.enrolTokenTtlMs,
  region?: string,
): Promise<{ token: string; expiresAt: number }> {
  const now = deps.now();
  const token = newSecret('set_');
  const expiresAt = now + ttlMs;
  await deps.db.transaction(async (tx) => {
    await ensureSubject(tx, subject, now, region);
    await insertEnrolToken(tx, {
      tokenHash: hashSecret(token),
      subject,
      createdBy,
      createdAt: now,
      expiresAt,
    });
  });
  return { token, expiresAt };
}

function schemaFail(body: unknown): Fail | undefined {
  const v = (body as { v?: unknown } | null)?.v;
  if (typeof body === 'object' && body !== null && !isSupportedVersion(v))
    return fail('UNSUPPORTED_VERSION', 'version not supported');
  return undefined;
}

export async function enrolDevice(
  deps: EnrolmentDeps,
  body: unknown,
): Promise<{ ok: true; value: EnrolResponse } | Fail> {
  const versionFail = schemaFail(body);
  if (versionFail) return versionFail;
  const parsed = EnrolRequest.safeParse(body);
  if (!parsed.success) return fail('SCHEMA_INVALID', 'enrolment request does not match the schema');
  const req = parsed.data;
  let proofOk = false;
  try {
    proofOk = verifyCanonical(
      'steno-enrol-v1',
      { token: req.token, publicKey: req.publicKey, name: req.name },
      req.proof,
      importPublicKey(req.publicKey),
    );
  } catch {
    proofOk = false;
  }
  if (!proofOk) return fail('ENROL_PROOF_INVALID', 'the proof of possession does not verify');
  const deviceId = `dev_${randomBytes(16).toString('base64url')}`;
  const now = deps.now();
  try {
    const subject = await deps.db.transaction(async (tx) => {
      const s = await consumeEnrolToken(tx, hashSecret(req.token), deviceId, now);
      if (!s) return undefined;
      await insertDevice(tx, {
        id: deviceId,
        subject: s,
        publicKey: req.publicKey,
        name: req.name,
        createdAt: now,
      });
      return s;
    });
    if (!subject) return fail('ENROL_TOKEN_INVALID', 'the enrolment token is unknown, used or expired');
    return {
      ok: true,
      value: { v: 1, deviceId, subject, ...(deps.leaseKey ? { leaseKey: deps.leaseKey } : {}) },
    };
  } catch (err) {
    if (isUniqueViolation(err)) return fail('DEVICE_KEY_IN_USE', 'this public key is already enrolled');
    throw err;
  }
}

export async function issueDeviceToken(
  deps: EnrolmentDeps,
  body: unknown,
): Promise<{ ok: true; value: TokenResponse } | Fail> {
  const versionFail = schemaFail(body);
  if (versionFail) return versionFail;
  const parsed = DeviceTokenRequest.safeParse(body);
  if (!parsed.success) return fail('SCHEMA_INVALID', 'token request does not match the schema');
  const req = parsed.data;
  const now = deps.now();
  const check = await checkDeviceRequest(deps.db, req, now);
  if (!check.ok) return fail(check.code, check.message);
  const device = check.device;
  const issued = await issueApiToken(
    deps.db,
    {
      principal: `person:${device.subjectId}`,
      role: 'contributor',
      subject: device.subjectId,
      scopes: ['me:read'],
      ttlMs: deps.personalTokenTtlMs,
      name: `device ${device.name}`.slice(0, 100),
      deviceId: device.id,
    },
    now,
  );
  return { ok: true, value: { v: 1, tokenId: issued.id, token: issued.token, expiresAt: issued.expiresAt } };
}
