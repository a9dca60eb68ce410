/**
 * Password hashing with scrypt (memory-hard) in a versioned stored form,
 * `$scrypt$v1$<N>$<r>$<p>$<salt>$<hash>` (base64url salt and hash), so the parameters can be
 * raised later and old hashes upgraded on the next sign-in (`needsRehash`). Comparison is
 * constant-time. Parameters read back from storage are bounded, so a tampered row cannot make the
 * server allocate unbounded memory.
 */
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { IdentityError } from './identity-error.ts';

export interface ScryptParams {
  /** CPU/memory cost, a power of two. 2^15 with r = 8 uses 32 MiB per hash. */
  N: number;
  r: number;
  p: number;
}

export const CURRENT_SCRYPT_PARAMS: Readonly<ScryptParams> = Object.freeze({ N: 2 ** 15, r: 8, p: 1 });

const SALT_BYTES = 16;
const HASH_BYTES = 32;
const PREFIX = '$scrypt$v1$';

/** Hash a password (NFKC-normalised) with fresh salt and the given parameters. */
export async function hashPassword(
  password: string,
  params: ScryptParams = CURRENT_SCRYPT_PARAMS,
): Promise<string> {
  checkParams(params);
  const salt = randomBytes(SALT_BYTES);
  const hash = await derive(password, salt, params, HASH_BYTES);
  return `${PREFIX}${params.N}$${params.r}$${params.p}$${salt.toString('base64url')}$${hash.toString('base64url')}`;
}

/** Whether `password` matches `stored`. Throws PASSWORD_HASH_INVALID for a malformed stored form. */
export async function passwordMatches(password: string, stored: string): Promise<boolean> {
  const parsed = parseStoredHash(stored);
  const candidate = await derive(password, parsed.salt, parsed.params, parsed.hash.length);
  return timingSafeEqual(candidate, parsed.hash);
}

/** Whether a stored hash uses weaker parameters than the current ones. */
export function needsRehash(stored: string, current: ScryptParams = CURRENT_SCRYPT_PARAMS): boolean {
  const { params } = parseStoredHash(stored);
  return params.N < current.N || params.r < current.r || params.p < current.p;
}

export function parseStoredHash(stored: string): { params: ScryptParams; salt: Buffer; hash: Buffer } {
  const m =
    /^\$scrypt\$v1\$(\d{1,8})\$(\d{1,3})\$(\d{1,3})\$([A-Za-z0-9_-]{16,64})\$([A-Za-z0-9_-]{43,88})$/.exec(
      stored,
    );
  if (m === null) throw new IdentityError('PASSWORD_HASH_INVALID');
  const params = { N: Number(m[1]), r: Number(m[2]), p: Number(m[3]) };
  checkParams(params);
  return {
    params,
    salt: Buffer.from(m[4] as string, 'base64url'),
    hash: Buffer.from(m[5] as string, 'base64url'),
  };
}

function checkParams({ N, r, p }: ScryptParams): void {
  const powerOfTwo = Number.isInteger(N) && N > 1 && (N & (N - 1)) === 0;
  if (!powerOfTwo || N < 2 ** 14 || N > 2 ** 20 || r < 8 || r > 32 || p < 1 || p > 4) {
    throw new IdentityError('PASSWORD_HASH_INVALID', 'scrypt parameters are out of bounds.');
  }
}

function derive(password: string, salt: Buffer, { N, r, p }: ScryptParams, length: number): Promise<Buffer> {
  // scrypt needs 128·N·r bytes; node's default maxmem (32 MiB) is exactly that for 2^15 and r = 8,
  // and the check is strict, so allow twice the need.
  const maxmem = 2 * 128 * N * r * p;
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFKC'), salt, length, { N, r, p, maxmem }, (err, key) => {
      if (err) reject(new IdentityError('PASSWORD_HASH_INVALID', 'scrypt failed.', { cause: err }));
      else resolve(key);
    });
  });
}
