/** Enrolment: a device posts its public key with a single-use token and is bound to that token's subject. */
import { z } from 'zod';
import { Base64Url, DeviceId, SubjectId } from './ids.ts';

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
