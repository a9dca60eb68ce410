/**
 * A Steno server process for benchmarks that need two privacy officers (the kill switch's resume
 * needs a second one): it starts the real server and writes two officer tokens and an operator
 * token into the data folder. Usage: node --conditions=development --import tsx bench/lib/officer-server.ts DIR PORT
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';

// As the steno bin does (packages/cli/bin/steno.js): no inlined JS-to-Wasm calls, whose
// deoptimisation crashes Node 20's V8 under sustained load. Set before the server's code loads.
setFlagsFromString('--no-turbo-inline-js-wasm-calls');
const { issueApiToken } = await import('../../packages/server/src/auth/api-tokens.ts');
const { loadConfig } = await import('../../packages/server/src/config.ts');
const { createStenoServer } = await import('../../packages/server/src/steno-server.ts');

const [dir, port] = process.argv.slice(2);
if (!dir || !port) throw new Error('usage: officer-server.ts DIR PORT');
const server = await createStenoServer(loadConfig({ dataDir: dir, port: Number(port), logLevel: 'silent' }));
const url = await server.listen();
const ttlMs = 3_600_000;
for (const [name, role, scopes] of [
  ['po1', 'privacy_officer', ['program:admin']],
  ['po2', 'privacy_officer', ['program:admin']],
  ['op', 'operator', ['devices:admin']],
] as const) {
  const t = await issueApiToken(
    server.db,
    { principal: `person:${name}`, role, scopes: [...scopes], ttlMs },
    Date.now(),
  );
  writeFileSync(join(dir, `${name}.token`), t.token, { mode: 0o600 });
}
console.log(`listening on ${url}`);
process.on('SIGTERM', () => {
  void server.close().then(() => process.exit(0));
});
