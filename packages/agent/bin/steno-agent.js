#!/usr/bin/env node
// `steno-agent`: the agent as installed on a work machine (plain JavaScript built by `npm run build`).
import { existsSync } from 'node:fs';

const main = new URL('../dist/cli/steno-agent.js', import.meta.url);
if (!existsSync(main)) {
  process.stderr.write(
    'steno-agent: not built yet (no packages/agent/dist). Run `npm run build`, then try again.\n',
  );
  process.exit(1);
}
await (await import(main.href)).main(process.argv);
