#!/usr/bin/env node
/**
 * The one build: `npm run build` (also run by `npm install`). Compiles every package's
 * TypeScript to JavaScript in its dist/ (tsc build mode over tsconfig.build.json: declarations,
 * source maps, relative `.ts` imports rewritten to `.js`), copies the files the code loads next
 * to itself (SQL migrations, plain-JS workers), builds the portal (Vite, packages/portal/dist)
 * and the unpacked browser extension (packages/extension/unpacked).
 *
 *   node scripts/build.mjs              everything
 *   node scripts/build.mjs --packages   only the packages (what the test setup runs); a type error
 *                                       is reported but does not stop it (tsc still emits, and
 *                                       `npm run typecheck` is the gate for types)
 *
 * Plain JavaScript on purpose: the build cannot need what it builds.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const BIN = join(ROOT, 'node_modules', '.bin');
/** Files of these kinds under a package's src/ are loaded at run time from beside the code. */
const ASSET = /\.(sql|mjs)$/;

function run(command, args, { tolerant = false } = {}) {
  const started = Date.now();
  const result = spawnSync(join(BIN, command), args, { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0 && tolerant && result.status !== null) {
    process.stderr.write(
      `steno build: ${command} reported errors (above); continuing with what it emitted\n`,
    );
  } else if (result.status !== 0) {
    process.stderr.write(
      `steno build: ${command} ${args.join(' ')} failed (exit ${result.status ?? result.signal})\n`,
    );
    process.exit(1);
  }
  return Date.now() - started;
}

function copyAssets(pkgDir) {
  let copied = 0;
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'test-support') walk(path);
      } else if (ASSET.test(entry.name)) {
        const target = join(pkgDir, 'dist', relative(join(pkgDir, 'src'), path));
        mkdirSync(dirname(target), { recursive: true });
        copyFileSync(path, target);
        copied++;
      }
    }
  };
  walk(join(pkgDir, 'src'));
  return copied;
}

const onlyPackages = process.argv.includes('--packages');
const tscMs = run('tsc', ['-b', 'tsconfig.build.json'], { tolerant: onlyPackages });
let assets = 0;
for (const name of readdirSync(join(ROOT, 'packages'))) {
  if (name !== 'portal') assets += copyAssets(join(ROOT, 'packages', name));
}
const done = [`packages compiled in ${tscMs} ms`, `${assets} assets copied`];
if (!onlyPackages) {
  done.push(`portal built in ${run('vite', ['build', 'packages/portal', '--logLevel', 'warn'])} ms`);
  const { buildExtension } = await import(
    pathToFileURL(join(ROOT, 'packages/extension/dist/build-extension.js')).href
  );
  const dir = await buildExtension({ key: process.env.STENO_EXTENSION_KEY });
  done.push(`extension unpacked in ${relative(ROOT, dir)}`);
}
process.stdout.write(`steno build: ${done.join(', ')}\n`);
