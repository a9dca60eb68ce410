/** Enrolment: a device posts its public key with a single-use token and is bound to that token's subject. */
import { z } from 'zod';
import { Base64Url, DeviceId, EpochMs, SubjectId } from './ids.ts';

export const EnrolRequest = z
  .object({
    v: z.literal(1),
    token: z.string().min(16).max(200),
    publicKey: Base64Url.length(43),
    /** A label the contributor recognises, e.g. the host name. */
    name: z.string().min(1).max(100),
    /** Proof of possession: the device's signature over {token, publicKey, name} in domain steno-enrol-v1. */
    proof: Base64Url.length(86),
  })
  .strict();
export type EnrolRequest = z.infer<typeof EnrolRequest>;

export const EnrolResponse = z.object({ v: z.literal(1), deviceId: DeviceId, subject: SubjectId }).strict();
export type EnrolResponse = z.infer<typeof EnrolResponse>;

/**
 * A device asks for a personal read token for its own subject, proving possession of its key.
 * proof = signature over {deviceId, issuedAt, nonce, purpose} in domain steno-device-request-v1.
 */
export const DeviceTokenRequest = z
  .object({
    v: z.literal(1),
    deviceId: DeviceId,
    issuedAt: EpochMs,
    nonce: Base64Url.min(16).max(64),
    purpose: z.literal('personal-token'),
    proof: Base64Url.length(86),
  })
  .strict();
export type DeviceTokenRequest = z.infer<typeof DeviceTokenRequest>;

export const TokenResponse = z
  .object({ v: z.literal(1), tokenId: z.string(), token: z.string(), expiresAt: EpochMs })
  .strict();
export type TokenResponse = z.infer<typeof TokenResponse>;
