#!/usr/bin/env node
// The `steno` command. Steno is written in TypeScript and runs through tsx (Node 20 has no type stripping).
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/main.ts');
await main(process.argv);
