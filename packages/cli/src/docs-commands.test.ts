/**
 * Issue 18: the commands the docs show, run against a real server, and refusals that say what to
 * do next — a region's legal basis from the CLI, the example scope file, roles in both spellings,
 * which credential `steno dataset build` used and how to get the right one, and
 * `steno dataset download ID FILE` writing ./FILE.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { issueApiToken } from '@steno/server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { extractCommands } from '../../../test/support/doc-commands.ts';
import { startTestServer, type TestServer } from '../../../test/support/test-server.ts';
import { buildProgram, withNextStep } from './main.ts';

const ROOT = join(import.meta.dirname, '../../..');
const BIN = join(ROOT, 'packages/cli/bin/steno.js');
const run = promisify(execFile);

/** The words of the command docs/operations.md shows that starts with `start`, as written there. */
function documented(start: string): string[] {
  const found = extractCommands(readFileSync(join(ROOT, 'docs/operations.md'), 'utf8'), 'operations.md').find(
    (c) => c.words.join(' ').startsWith(start),
  );
  if (!found) throw new Error(`docs/operations.md no longer shows steno ${start}`);
  return found.words;
}

describe('the documented commands against a real server (issue 18)', () => {
  let ts: TestServer;
  let url: string;
  const files = { officer: '', operator: '', ml: '', contributor: '' };
  const secrets: string[] = [];

  beforeAll(async () => {
    ts = await startTestServer('pglite');
    url = await ts.server.listen();
    const issue = async (name: keyof typeof files, principal: string, role: string, scopes: string[]) => {
      const t = await issueApiToken(
        ts.server.db,
        {
          principal,
          role: role as 'operator',
          scopes,
          ttlMs: 600_000,
          ...(role === 'contributor' ? { subject: 'ann' } : {}),
        },
        Date.now(),
      );
      files[name] = join(ts.dataDir, `${name}.token`);
      writeFileSync(files[name], `${t.token}\n`, { mode: 0o600 });
      secrets.push(t.token);
    };
    await issue('officer', 'person:po', 'privacy_officer', ['program:admin']);
    await issue('operator', 'person:op', 'operator', ['devices:admin']);
    await issue('ml', 'ml_engineer:mo', 'ml_engineer', ['datasets:build', 'datasets:read']);
    await issue('contributor', 'person:ann', 'contributor', ['me:read']);
  });
  afterAll(async () => ts.close());

  /** `steno ARGS` in-process with one of the tokens; stdout and stderr, or the error thrown. */
  async function steno(as: keyof typeof files | undefined, ...args: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
    const error = vi
      .spyOn(console, 'error')
      .mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation((s) => {
      err.push(String(s));
      return true;
    });
    try {
      const program = buildProgram().exitOverride();
      const quiet = (c: typeof program): void => {
        c.exitOverride().configureOutput({ writeErr: (s) => err.push(s) });
        for (const sub of c.commands) quiet(sub as typeof program);
      };
      quiet(program);
      await program.parseAsync([
        'node',
        'steno',
        ...args,
        '--server',
        url,
        ...(as ? ['--token-file', files[as]] : ['--data', join(ts.dataDir, 'nothing-here')]),
      ]);
    } finally {
      log.mockRestore();
      error.mockRestore();
      stderr.mockRestore();
    }
    return { out: out.join('\n'), err: err.join('') };
  }

  it("records a region's legal basis as docs/operations.md shows: steno program region set and list", async () => {
    const token = await steno('operator', ...documented('enrol-token --subject alice --region de'));
    expect(token.out).toMatch(/\S{20,}/);
    expect((await steno('officer', ...documented('program region list'))).out).toMatch(
      /^de\t1 contributor\(s\)\tno legal basis: capture is off \(steno program region set de --basis KIND --reference REF\)$/m,
    );
    const set = await steno('officer', ...documented('program region set de'));
    expect(set.out).toMatch(/^legal basis for region de recorded; 0 connected device\(s\) told at once$/);
    const listed = await steno('officer', 'program', 'region', 'list', '--json');
    expect(JSON.parse(listed.out).regions).toContainEqual(
      expect.objectContaining({ region: 'de', basis: 'works_council_agreement', reference: 'BV-2026-07' }),
    );
    // Bad values are refused before anything is sent, with the valid ones named.
    await expect(
      steno('officer', 'program', 'region', 'set', 'de', '--basis', 'handshake', '--reference', 'x-1'),
    ).rejects.toThrow(
      /not a kind of legal basis: use one of dpia, works-council-agreement, collective-agreement, other/,
    );
    await expect(
      steno('officer', 'program', 'region', 'set', 'DE!', '--basis', 'dpia', '--reference', 'x-1'),
    ).rejects.toThrow(/lower-case letters/);
  });

  it('steno scope set accepts examples/scope.json, and scope show gives it back', async () => {
    // As written in docs/operations.md, from the repository's root.
    expect(documented('scope set')).toEqual(['scope', 'set', 'examples/scope.json']);
    const set = await steno('officer', 'scope', 'set', join(ROOT, 'examples/scope.json'));
    expect(set.out).toMatch(/^capture scope version \d+ in force; pushed to 0 connected device\(s\)$/);
    const shown = JSON.parse((await steno('officer', 'scope', 'show')).out);
    expect(shown.scope).toEqual(JSON.parse(readFileSync(join(ROOT, 'examples/scope.json'), 'utf8')));
  });

  it('invite takes every role with - or _, and an unknown role lists the valid ones', async () => {
    expect((await steno('officer', 'invite', 'mo@example.test', '--role', 'ml-engineer')).err).toContain(
      'mo@example.test (ml_engineer)',
    );
    expect((await steno('officer', 'invite', 'mia@example.test', '--role', 'ml_engineer')).err).toContain(
      '(ml_engineer)',
    );
    const officer = await steno('officer', 'invite', 'pat@example.test', '--role', 'privacy-officer');
    expect(officer.err).toContain('pat@example.test (privacy_officer) is not invited yet');
    await expect(steno('officer', 'invite', 'x@example.test', '--role', 'ml-enginer')).rejects.toThrow(
      /not a role: use one of contributor, privacy-officer, investigator, ml-engineer, operator/,
    );
  });

  it('dataset build says which credential it used and, when refused, what it needs instead', async () => {
    const spec = join(ROOT, 'examples/dataset-spec.yaml');
    const refused = await steno('contributor', 'dataset', 'build', spec).catch((e: Error) => e);
    expect(refused).toMatchObject({ code: 'FORBIDDEN' });
    const message = (refused as Error).message;
    expect(message).toContain(`credential used: the token in ${files.contributor}`);
    expect(message).toMatch(
      /this needs an ML engineer's token with the datasets:build scope: .*steno invite EMAIL --role ml-engineer/,
    );
    expect(message).toContain('--token-file FILE or set STENO_TOKEN');
    for (const s of secrets) expect(message).not.toContain(s);

    // No credential given and none in the data folder: the default is named, and what to get.
    vi.stubEnv('STENO_TOKEN', '');
    try {
      await expect(steno(undefined, 'dataset', 'build', spec)).rejects.toMatchObject({
        code: 'NO_CREDENTIAL',
        message: expect.stringMatching(
          /nothing-here\/ml-engineer\.token \(the default\): this needs an ML engineer's token/,
        ),
      });
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('dataset download ID FILE writes ./FILE (and names the files a dataset has when FILE is not one)', async () => {
    const built = await steno('ml', 'dataset', 'build', join(ROOT, 'examples/dataset-spec.yaml'));
    expect(built.err).toContain(`as the token in ${files.ml}`);
    const cwd = join(ts.dataDir, 'work');
    mkdirSync(cwd);
    const conn = ['--server', url, '--token-file', files.ml];
    const r = await run(process.execPath, [BIN, 'dataset', 'download', 'latest', 'steps.parquet', ...conn], {
      cwd,
    });
    expect(r.stdout).toMatch(/^\d+ bytes written to steps\.parquet$/m);
    expect(readFileSync(join(cwd, 'steps.parquet')).subarray(0, 4).toString()).toBe('PAR1');
    const missing = await run(
      process.execPath,
      [BIN, 'dataset', 'download', 'latest', 'steps.csv', ...conn],
      {
        cwd,
      },
    ).catch((e: { code: number; stderr: string }) => e);
    expect(missing).toMatchObject({ code: 2 });
    expect((missing as { stderr: string }).stderr).toMatch(
      /^steno: NOT_FOUND: .* has no file steps\.csv: its files are .*steps\.parquet/m,
    );
    expect(existsSync(join(cwd, 'steps.csv'))).toBe(false);
  });

  it('an error without a next step points at its command’s --help', () => {
    expect(withNextStep('cannot read x as JSON', 'steno incident verify')).toBe(
      'cannot read x as JSON (see steno incident verify --help)',
    );
    expect(withNextStep('no notice: steno program notice FILE publishes one', 'steno consent give')).toBe(
      'no notice: steno program notice FILE publishes one',
    );
  });
});
