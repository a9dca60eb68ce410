/** Test support: temporary data directories, a recording log sink and event builders. */
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StenoEvent } from '@steno/protocol';
import type { LogFn, LogLevel } from '../log.ts';

export async function tempDir(
  prefix = 'steno-agent-',
): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

export interface LogRecord {
  level: LogLevel;
  msg: string;
  fields: Record<string, unknown>;
}

export function recordingLog(): { log: LogFn; records: LogRecord[]; text: () => string } {
  const records: LogRecord[] = [];
  return {
    records,
    log: (level, msg, fields = {}) => {
      records.push({ level, msg, fields: { ...fields } });
    },
    text: () => records.map((r) => JSON.stringify(r)).join('\n'),
  };
}

/** Every file below `dir`, recursively, with its bytes. */
export async function allFiles(dir: string): Promise<{ path: string; bytes: Buffer }[]> {
  const out: { path: string; bytes: Buffer }[] = [];
  for (const name of await readdir(dir)) {
    const path = join(dir, name);
    if ((await stat(path)).isDirectory()) out.push(...(await allFiles(path)));
    else out.push({ path, bytes: await readFile(path) });
  }
  return out;
}

export function focus(t: number, app = 'org.example.Editor', title = 'notes.txt'): StenoEvent {
  return { type: 'focus', t, app, title };
}

export function key(t: number, k: string, char?: string): StenoEvent {
  return char === undefined
    ? { type: 'key', t, dir: 'down', key: k, mods: [] }
    : { type: 'key', t, dir: 'down', key: k, char, mods: [] };
}

export function jsonl(events: readonly StenoEvent[]): string {
  return `${events.map((e) => JSON.stringify(e)).join('\n')}\n`;
}
