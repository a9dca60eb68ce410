/**
 * From the TypeScript sources (development and tests; production runs dist/capture/hook-child.js):
 * compiles the hook child (capture/hook-child.ts) to one plain JavaScript file, so that process
 * runs on bare Node instead of through the tsx loader (which costs it tens of MB and a loader
 * thread). The TypeScript stays the single source: esbuild, tsx's own dependency and so present
 * wherever the agent runs, bundles the child with its local imports in one short-lived process.
 * uiohook-napi and x11 stay outside the bundle and are imported by absolute URL, so the file runs
 * from any directory. It is written atomically, 0600, into a private directory the caller owns
 * (the agent's data directory), and rebuilt at every agent start, so it never goes stale.
 */
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ensurePrivateDir, writeFileAtomic } from '../atomic-file.ts';

const SOURCE = fileURLToPath(new URL('./hook-child.ts', import.meta.url));
const EXTERNAL = ['uiohook-napi', 'x11'] as const;
const OUTPUT = 'hook-child.mjs';

/** The esbuild binary tsx uses (falls back to one installed beside the agent). */
function esbuildBinary(): string {
  const require = createRequire(import.meta.url);
  let pkg: string;
  try {
    pkg = createRequire(require.resolve('tsx/package.json')).resolve('esbuild/package.json');
  } catch {
    pkg = require.resolve('esbuild/package.json');
  }
  return join(dirname(pkg), 'bin', 'esbuild');
}

function run(file: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(file, args, { maxBuffer: 16 * 2 ** 20, timeout: 30_000 }, (err, stdout) =>
      err ? reject(err) : resolve(stdout),
    );
  });
}

/** Builds the child into `dir` (created 0700 if needed); resolves to the script's path. */
export async function buildHookChild(dir: string): Promise<string> {
  const code = await run(esbuildBinary(), [
    SOURCE,
    '--bundle',
    '--platform=node',
    '--format=esm',
    '--target=node20',
    '--conditions=development',
    '--log-level=error',
    '--legal-comments=none',
    ...EXTERNAL.map((name) => `--external:${name}`),
  ]);
  const require = createRequire(import.meta.url);
  let linked = code;
  for (const name of EXTERNAL) {
    const url = JSON.stringify(pathToFileURL(require.resolve(name)).href);
    linked = linked
      .split(`from "${name}"`)
      .join(`from ${url}`)
      .split(`import("${name}")`)
      .join(`import(${url})`);
  }
  // Anything still imported by bare name would fail to resolve from `dir`: refuse the build.
  for (const name of EXTERNAL) {
    if (linked.includes(`"${name}"`)) throw new Error(`hook child build: ${name} left unlinked`);
  }
  await ensurePrivateDir(dir);
  const path = join(dir, OUTPUT);
  await writeFileAtomic(path, linked);
  return path;
}
