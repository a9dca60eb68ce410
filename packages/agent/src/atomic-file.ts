/**
 * Crash-safe file writes: write a temporary file, fsync it, rename it over the target, fsync
 * the directory. After a crash at any instant the target holds either the old or the new
 * bytes, and at worst a stray temporary file (named with TMP_MARKER) is left to clean up.
 */
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** Every temporary file contains this marker; recovery deletes files that do. */
export const TMP_MARKER = '.tmp-';

export function isTmpName(name: string): boolean {
  return name.includes(TMP_MARKER);
}

export async function fsyncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Writes `data` to `path` atomically and durably, with the given mode (default 0600). */
export async function writeFileAtomic(path: string, data: Uint8Array | string, mode = 0o600): Promise<void> {
  const dir = dirname(path);
  const tmp = join(dir, `.${basename(path)}${TMP_MARKER}${randomBytes(6).toString('hex')}`);
  const handle = await open(tmp, 'wx', mode);
  try {
    await handle.writeFile(data);
    await handle.chmod(mode);
    await handle.sync();
  } catch (err) {
    await handle.close();
    await unlink(tmp).catch(() => {});
    throw err;
  }
  await handle.close();
  await rename(tmp, path);
  await fsyncDir(dir);
}

/** Creates a private directory (0700) if needed. */
export async function ensurePrivateDir(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await chmod(dir, 0o700);
}
