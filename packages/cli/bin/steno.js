#!/usr/bin/env node
// The `steno` command: plain JavaScript compiled from packages/*/src by `npm run build`
// (run by `npm install`). Development and tests load the TypeScript sources instead.
import { existsSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';

// Node 20's V8 can die with "Fatal error ... unreachable code" in its deoptimizer when optimised
// JavaScript that inlined a call into WebAssembly (PGlite, the embedded store) deoptimises under
// sustained load: bench/kill-switch's 10,000 enrolments killed the server within minutes, and
// ran to the end with inlining of JS-to-Wasm calls off. Set before any code is optimised.
setFlagsFromString('--no-turbo-inline-js-wasm-calls');

const main = new URL('../dist/main.js', import.meta.url);
if (!existsSync(main)) {
  process.stderr.write(
    'steno: not built yet (no packages/cli/dist). Run `npm run build` in the checkout, then try again.\n',
  );
  process.exit(1);
}
await (await import(main.href)).main(process.argv);
