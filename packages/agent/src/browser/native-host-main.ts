/**
 * Entry of the native messaging host process (see native-host.ts). Chromium appends the caller's
 * origin to the arguments the launcher gives: --data-dir DIR --allow chrome-extension://ID/ ...
 * stdout carries framed messages only; logs go to stderr as JSON lines, codes only.
 */
import { defaultDataDir } from '../device-identity.ts';
import { stderrLog } from '../log.ts';
import { runNativeHost } from './native-host.ts';

const args = process.argv.slice(2);
const allowed: string[] = [];
let dataDir: string | undefined;
let caller: string | undefined;
for (let i = 0; i < args.length; i++) {
  const arg = args[i] ?? '';
  if (arg === '--data-dir') dataDir = args[++i];
  else if (arg === '--allow') allowed.push(args[++i] ?? '');
  else if (arg.startsWith('chrome-extension://')) caller = arg;
}

await runNativeHost({
  dataDir: dataDir ?? process.env.STENO_AGENT_DIR ?? defaultDataDir(),
  input: process.stdin,
  output: process.stdout,
  callerOrigin: caller,
  allowedOrigins: allowed,
  log: stderrLog,
});
process.exit(0);
