/** Identifier shapes shared by every message: subjects, devices, batches. */
import { z } from 'zod';

/** A subject (the person captured): lower-case, short, no personal data beyond the directory id. */
export const SubjectId = z
  .string()
  .regex(
    /^[a-z0-9][a-z0-9._-]{0,63}$/,
    'subject ids are 1-64 chars of a-z 0-9 . _ - starting with a letter or digit',
  );
export type SubjectId = z.infer<typeof SubjectId>;

export const DeviceId = z
  .string()
  .regex(/^dev_[A-Za-z0-9_-]{16,64}$/, 'device ids look like dev_<base64url>');
export type DeviceId = z.infer<typeof DeviceId>;

export const BatchId = z.uuid();

/** A capture lease id (the server issues `ls_` and 12 random bytes in base64url). */
export const LeaseId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'lease ids are 8-64 chars of base64url');
export type LeaseId = z.infer<typeof LeaseId>;
export type BatchId = z.infer<typeof BatchId>;

/** Epoch milliseconds. */
export const EpochMs = z.number().int().min(0).max(8_640_000_000_000);

export const Base64Url = z.string().regex(/^[A-Za-z0-9_-]*$/, 'base64url without padding');
