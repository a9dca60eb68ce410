/** `npm run build -w @steno/extension`: the unpacked extension in packages/extension/unpacked. */
import { buildExtension } from '../src/build-extension.ts';

const key = process.env.STENO_EXTENSION_KEY;
const dir = await buildExtension({ key, minify: !process.argv.includes('--no-minify') });
process.stdout.write(`built ${dir}\n`);
