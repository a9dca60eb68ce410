/** Docs that match the code: the error-code table and the CLI's --help on every command. */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ERROR_CODES } from '@steno/protocol';
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../packages/cli/src/main.ts';
import { STATUS_OF } from '../packages/server/src/http/error-status.ts';

const root = join(import.meta.dirname, '..');

describe('docs', () => {
  it('docs/errors.md lists every error code with its HTTP status, and nothing else', () => {
    const doc = readFileSync(join(root, 'docs/errors.md'), 'utf8');
    const rows = [...doc.matchAll(/^\|\s*`([A-Z_]+)`\s*\|\s*(\d{3})\s*\|/gm)].map((m) => [
      m[1],
      Number(m[2]),
    ]);
    const expected = Object.keys(ERROR_CODES).map((c) => [c, STATUS_OF[c as keyof typeof ERROR_CODES]]);
    expect(rows.sort()).toEqual(expected.sort());
  });

  it('docs/api.md documents every route of the route table', async () => {
    const { startTestServer } = await import('./support/test-server.ts');
    const ts = await startTestServer('pglite');
    try {
      const doc = readFileSync(join(root, 'docs/api.md'), 'utf8');
      const missing = ts.server.routes.map((r) => `${r.method} ${r.url}`).filter((k) => !doc.includes(k));
      expect(missing).toEqual([]);
    } finally {
      await ts.close();
    }
  });

  it('every steno command and subcommand has --help with a description', () => {
    type Cmd = ReturnType<typeof buildProgram>;
    const walk = (cmd: Cmd): Cmd[] => [cmd, ...cmd.commands.flatMap((c) => walk(c as Cmd))];
    const all = walk(buildProgram());
    expect(all.length).toBeGreaterThan(5);
    for (const cmd of all) {
      expect(cmd.description(), cmd.name()).not.toBe('');
      expect(cmd.helpInformation(), cmd.name()).toMatch(/^Usage: steno/);
    }
  });

  it('the installed bin answers --help for a subcommand', () => {
    const out = execFileSync(
      process.execPath,
      [join(root, 'packages/cli/bin/steno.js'), 'enrol-token', '--help'],
      { encoding: 'utf8' },
    );
    expect(out).toMatch(/^Usage: steno enrol-token/);
  });
});
