/** Run after `npm install`: builds the PGlite template so the first `npm start` skips initdb. Never fails the install. */
import { ensureTemplate } from './pglite-template.ts';

try {
  const file = await ensureTemplate();
  console.log(`steno: embedded store template ready (${file})`);
} catch (err) {
  console.warn(
    `steno: no embedded store template (${(err as Error).message}); the first start will take a few seconds longer`,
  );
}
process.exit(0);
