/**
 * Benchmark dispatcher: `npm run bench -- NAME [args]` runs bench/NAME.ts, which prints a table and
 * writes bench/results/NAME.json. Benchmarks are never part of `npm test`.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const available = readdirSync(here)
  .filter((f) => f.endsWith('.ts') && f !== 'run.ts')
  .map((f) => f.slice(0, -3))
  .sort();
const name = process.argv[2];
if (!name || name === '--help' || name === '-h') {
  console.log(`usage: npm run bench -- NAME [args]\n\nbenchmarks: ${available.join(', ')}`);
  process.exit(name ? 0 : 2);
}
const file = join(here, `${name}.ts`);
if (!existsSync(file)) {
  console.error(`unknown benchmark "${name}"; available: ${available.join(', ')}`);
  process.exit(2);
}
// `npm run bench -- NAME --help`: what NAME measures and its options (its header), without running it.
if (process.argv.includes('--help') || process.argv.includes('-h')) {
  const header = /^\/\*\*([\s\S]*?)\*\//.exec(readFileSync(file, 'utf8'))?.[1] ?? '';
  const text = header
    .split('\n')
    .map((l) => l.replace(/^\s*\* ?/, ''))
    .join('\n')
    .trim();
  const usage = `npm run bench -- ${name}`;
  console.log(text.includes(usage) ? text : `usage: ${usage} [args]\n\n${text}`);
  process.exit(0);
}
const mod = (await import(pathToFileURL(file).href)) as { main: (args: string[]) => Promise<void> };
await mod.main(process.argv.slice(3));
