#!/usr/bin/env node
// The `steno` command. Steno is written in TypeScript and runs through tsx (Node 20 has no type stripping).
import { setFlagsFromString } from 'node:v8';
import { register } from 'tsx/esm/api';

// Node 20's V8 can die with "Fatal error ... unreachable code" in its deoptimizer when optimised
// JavaScript that inlined a call into WebAssembly (PGlite, the embedded store) deoptimises under
// sustained load: bench/kill-switch's 10,000 enrolments killed the server within minutes, and
// ran to the end with inlining of JS-to-Wasm calls off. Set before any code is optimised.
setFlagsFromString('--no-turbo-inline-js-wasm-calls');

register();
const { main } = await import('../src/main.ts');
await main(process.argv);
