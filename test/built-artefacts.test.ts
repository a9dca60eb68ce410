/**
 * Issue 18: Steno ships as built JavaScript. Every package declares its real entry points (the
 * TypeScript sources only under the `development` condition that tests and tsx use; types and
 * JavaScript from dist/ otherwise); the `steno` command runs without the tsx loader and loads no
 * TypeScript; and the locked dependency tree installs on the Node version the README states
 * without an engine or deprecation warning.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import semver from 'semver';
import { afterAll, describe, expect, it } from 'vitest';
import { removeDir, tempDir } from './support/test-stores.ts';

const ROOT = join(import.meta.dirname, '..');
const BIN = join(ROOT, 'packages/cli/bin/steno.js');
const rootPkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  engines: { node: string };
  workspaces: string[];
};

interface PackageJson {
  name: string;
  exports?: Record<string, unknown>;
}
const packages = rootPkg.workspaces
  .map((dir) => ({
    dir: join(ROOT, dir),
    pkg: JSON.parse(readFileSync(join(ROOT, dir, 'package.json'), 'utf8')),
  }))
  .filter((p): p is { dir: string; pkg: PackageJson } => Boolean(p.pkg.exports));

const scratch = tempDir('steno-built-');
afterAll(() => removeDir(scratch));

/**
 * A module-resolution hook for a child Node process that refuses to load TypeScript or anything
 * of tsx: if production code reached for either, the import fails and so does the test.
 */
const GUARD = join(scratch, 'no-typescript.mjs');
writeFileSync(
  join(scratch, 'no-typescript-hooks.mjs'),
  `export async function resolve(specifier, context, next) {
  const found = await next(specifier, context);
  if (/\\.(ts|tsx|mts|cts)$/.test(found.url) || found.url.includes('/node_modules/tsx/'))
    throw new Error('production code loaded ' + found.url);
  return found;
}
`,
);
writeFileSync(
  GUARD,
  `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(join(scratch, 'no-typescript-hooks.mjs')).href)});\n`,
);

describe('built artefacts (issue 18)', () => {
  it('every package names its sources for development, and dist/ JavaScript and types otherwise', () => {
    expect(packages.length).toBeGreaterThanOrEqual(12);
    for (const { dir, pkg } of packages) {
      expect(pkg.exports?.['.'], pkg.name).toEqual({
        development: './src/index.ts',
        types: './dist/index.d.ts',
        default: './dist/index.js',
      });
      // Every entry (the main one and any subpath) has the three, and the build made its files.
      for (const [path, entry] of Object.entries(pkg.exports ?? {})) {
        const name = path === '.' ? 'index' : path.slice(2);
        expect(entry, `${pkg.name} ${path}`).toEqual({
          development: `./src/${name}.ts`,
          types: `./dist/${name}.d.ts`,
          default: `./dist/${name}.js`,
        });
        for (const file of [`dist/${name}.js`, `dist/${name}.d.ts`, `dist/${name}.js.map`, `src/${name}.ts`])
          expect(existsSync(join(dir, file)), `${pkg.name}: ${file}`).toBe(true);
      }
    }
  });

  it('plain Node imports every package from dist/, loading no TypeScript and no tsx', () => {
    const script = packages
      .map(({ pkg }) => `await import(${JSON.stringify(pkg.name)});`)
      .concat([
        `const urls = ${JSON.stringify(packages.map((p) => p.pkg.name))}.map((n) => import.meta.resolve(n));`,
        'console.log(JSON.stringify(urls));',
      ])
      .join('\n');
    const out = spawnSync(process.execPath, ['--import', GUARD, '--input-type=module', '-e', script], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(out.stderr).not.toContain('production code loaded');
    expect(out.status, out.stderr).toBe(0);
    const urls = JSON.parse(out.stdout.trim().split('\n').at(-1) ?? '[]') as string[];
    expect(urls).toHaveLength(packages.length);
    for (const url of urls) expect(url).toMatch(/\/packages\/[a-z]+\/dist\/index\.js$/);
  });

  it('the guard itself fails when TypeScript is loaded (so the checks above can fail)', () => {
    const out = spawnSync(
      process.execPath,
      [
        '--import',
        GUARD,
        '--conditions=development',
        '--input-type=module',
        '-e',
        "await import('@steno/tlog');",
      ],
      { cwd: ROOT, encoding: 'utf8', timeout: 60_000 },
    );
    expect(out.status).not.toBe(0);
    expect(out.stderr).toContain('production code loaded');
  });

  it('`steno server` runs built JavaScript: no tsx on its command line, no TypeScript loaded', async () => {
    const dir = join(scratch, 'server');
    let child: ChildProcess | undefined;
    try {
      child = spawn(process.execPath, ['--import', GUARD, BIN, 'server', '--data', dir, '--port', '0'], {
        cwd: ROOT,
        env: { ...process.env, STENO_LOG_LEVEL: 'warn' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      child.stdout?.on('data', (d: Buffer) => {
        output += d.toString();
      });
      child.stderr?.on('data', (d: Buffer) => {
        output += d.toString();
      });
      const until = Date.now() + 60_000;
      while (!/listening on (http:\/\/\S+)/.test(output) && child.exitCode === null && Date.now() < until)
        await new Promise((r) => setTimeout(r, 50));
      const url = /listening on (http:\/\/\S+)/.exec(output)?.[1];
      expect(url, output).toBeDefined();
      const health = await fetch(`${url}/openapi.json`);
      expect(health.status).toBe(200);
      expect(output).not.toContain('production code loaded');
      const cmdline = readFileSync(`/proc/${child.pid}/cmdline`, 'utf8').split('\0');
      expect(cmdline.join(' ')).not.toMatch(/tsx/);
      expect(cmdline).toContain(BIN);
    } finally {
      child?.kill('SIGTERM');
    }
  });

  it('the locked dependencies install on the stated Node engine without engine or deprecation warnings', () => {
    const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, { engines?: unknown; deprecated?: string; dev?: boolean }>;
    };
    const oldest = semver.minVersion(rootPkg.engines.node);
    expect(oldest).not.toBeNull();
    const refused: string[] = [];
    for (const [path, entry] of Object.entries(lock.packages)) {
      if (!path) continue;
      if (entry.deprecated) refused.push(`${path}: deprecated (${entry.deprecated})`);
      const wanted = (entry.engines as { node?: string } | undefined)?.node;
      if (typeof wanted !== 'string') continue;
      for (const node of [oldest?.version ?? '0.0.0', process.versions.node]) {
        if (!semver.satisfies(node, wanted)) refused.push(`${path}: node ${wanted}, not ${node}`);
      }
    }
    expect(refused).toEqual([]);
  });

  it('nothing TypeScript-only is left in the published source folders (the build writes to dist/ only)', () => {
    const stray: string[] = [];
    const walk = (dir: string): void => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        const p = join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (/\.(js|js\.map|d\.ts\.map)$/.test(e.name)) stray.push(p);
      }
    };
    for (const { dir } of packages) walk(join(dir, 'src'));
    expect(stray).toEqual([]);
  });
});
