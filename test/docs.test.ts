/**
 * Docs that match the code: the error-code table, the CLI's --help on every command, and every
 * `steno …` command the README, docs/, examples/ and the package READMEs show parses against
 * the real CLI (issue 18).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CaptureScope, ERROR_CODES } from '@steno/protocol';
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../packages/cli/src/main.ts';
import { STATUS_OF } from '../packages/server/src/http/error-status.ts';
import { type DocCommand, docCommandProblems, extractCommands } from './support/doc-commands.ts';

const root = join(import.meta.dirname, '..');

/** The documents a user reads commands from. */
function documents(): string[] {
  const inDir = (dir: string, ext: RegExp) =>
    readdirSync(join(root, dir))
      .filter((f) => ext.test(f))
      .map((f) => `${dir}/${f}`);
  const packageReadmes = readdirSync(join(root, 'packages'))
    .map((p) => `packages/${p}/README.md`)
    .filter((f) => existsSync(join(root, f)));
  return [
    'README.md',
    ...inDir('docs', /\.md$/),
    ...inDir('examples', /\.(md|ya?ml|json|txt)$/),
    ...packageReadmes,
  ];
}

const problemsIn = (markdown: string, file = 'doc.md') =>
  extractCommands(markdown, file).flatMap((c) => docCommandProblems(buildProgram, c));

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

  it('every benchmark answers --help with what it measures, without running it', async () => {
    const { execFile } = await import('node:child_process');
    const names = readdirSync(join(root, 'bench'))
      .filter((f) => f.endsWith('.ts') && f !== 'run.ts')
      .map((f) => f.slice(0, -3));
    expect(names).toContain('kill-switch');
    const help = (name: string) =>
      new Promise<string>((resolve, reject) =>
        execFile(
          process.execPath,
          ['--conditions=development', '--import', 'tsx', join(root, 'bench/run.ts'), name, '--help'],
          { cwd: root, encoding: 'utf8', timeout: 60_000 },
          (err, out) => (err ? reject(err) : resolve(out)),
        ),
      );
    for (const name of names) {
      const out = await help(name);
      expect(out, name).toContain(`npm run bench -- ${name}`);
      // The header, not a run: a run prints its table and where it wrote its results.
      expect(out, name).not.toMatch(/written .*bench\/results/);
      expect(out.length, name).toBeGreaterThan(100);
    }
  }, 120_000);

  describe('every steno command in the docs parses against the CLI (issue 18)', () => {
    it('the README, docs/, examples/ and package READMEs', () => {
      const found: DocCommand[] = documents().flatMap((f) =>
        extractCommands(readFileSync(join(root, f), 'utf8'), f),
      );
      // The README's quick start and command table, the operations guide's blocks at least.
      expect(found.filter((c) => c.where.startsWith('README.md')).length).toBeGreaterThan(20);
      expect(found.filter((c) => c.where.startsWith('docs/operations.md')).length).toBeGreaterThan(10);
      expect(found.flatMap((c) => docCommandProblems(buildProgram, c))).toEqual([]);
    });

    it('the checker refuses what the CLI refuses: unknown commands and options, missing arguments and options, bad values', () => {
      const doc = [
        '```sh',
        'steno dataset download latest steps.parquet --out steps.parquet   # fine',
        'steno datasets list',
        'steno scope set --file scope.json',
        'steno program pause',
        'steno invite ann@example.com --role ml-engineer && steno invite bob@example.com --role boss',
        'steno program region set de --basis dpia',
        '```',
        '',
        '| `steno dataset build SPEC\\|list\\|show ID\\|download ID FILE` | `steno consent show\\|give\\|nod` |',
        'In prose, `steno incident verify` names a command; `steno incident verfy` does not.',
      ].join('\n');
      const problems = problemsIn(doc);
      const has = (re: RegExp) =>
        expect(
          problems.some((p) => re.test(p)),
          `${re} in ${problems.join('\n')}`,
        ).toBe(true);
      has(/doc\.md:3: steno datasets list: .*unknown command/);
      has(/doc\.md:4: steno scope set --file scope\.json: .*unknown option '--file'/);
      has(/doc\.md:5: steno program pause: .*required option '--reason <text>'/);
      has(
        /doc\.md:6: steno invite bob@example\.com --role boss: .*not a role: use one of contributor, privacy-officer, investigator, ml-engineer, operator/,
      );
      has(/doc\.md:7: steno program region set de --basis dpia: .*required option '--reference <text>'/);
      has(/doc\.md:10: steno consent nod: /);
      has(/doc\.md:11: steno incident verfy: /);
      // Each alternative of the table's shorthand is its own command; placeholders are values.
      expect(
        problems.filter((p) => p.includes(':10: steno dataset') || p.includes('--role ml-engineer')),
      ).toEqual([]);
      expect(problems).toHaveLength(7);
    });

    it('examples/scope.json is a capture scope steno scope set accepts', () => {
      const parsed = CaptureScope.safeParse(
        JSON.parse(readFileSync(join(root, 'examples/scope.json'), 'utf8')),
      );
      expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
    });
  });
});
