/** `steno redact` (issue 4): the device filter on text, plain and JSON lines, with --explain. */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const BIN = join(import.meta.dirname, '../packages/cli/bin/steno.js');
const run = (args: string[], input: string) =>
  spawnSync(process.execPath, [BIN, 'redact', ...args], { input, encoding: 'utf8' });

describe('steno redact', () => {
  it('redacts text on stdin and explains positions without repeating the matches', () => {
    const r = run(['--explain'], 'write to jane.doe@example.org, key AKIAIOSFODNN7EXAMPLE, v2.4.1');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('write to [EMAIL], key [API_KEY], v2.4.1');
    expect(r.stderr).toMatch(/EMAIL/);
    expect(r.stderr).not.toContain('jane');
  });

  it('reads and writes JSON strings per line, and refuses a line that is not one', () => {
    const ok = run(['--jsonl'], '"card 4111 1111 1111 1111"\n"ticket OPS-1234"\n');
    expect(ok.status).toBe(0);
    expect(
      ok.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l)),
    ).toEqual(['card [CARD]', 'ticket OPS-1234']);
    const bad = run(['--jsonl'], 'not json\n');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('INPUT_INVALID');
  });
});
