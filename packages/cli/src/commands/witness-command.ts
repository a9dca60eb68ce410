/**
 * `steno witness`: a transparency-log witness as a small process of its own (issue 20). It has its
 * own folder (state.json: the latest checkpoint it cosigned per log) and its own Ed25519 key
 * (witness.key, created on first start), answers C2SP tlog-witness `POST /add-checkpoint`, and
 * cosigns (C2SP tlog-cosignature) only checkpoints that the named logs signed and that extend the
 * last one it cosigned. Run it on another machine, by other people, than the Steno server.
 */
import {
  FileWitnessState,
  loadOrCreateWitnessKey,
  type NoteVerifier,
  parseVerifierKey,
  startWitnessServer,
  Witness,
} from '@steno/tlog';
import type { Command } from 'commander';
import { CliError } from '../cli-error.ts';

interface WitnessOpts {
  dir: string;
  name: string;
  log: string[];
  host: string;
  port: string;
}

export function registerWitnessCommand(program: Command): void {
  program
    .command('witness')
    .description('run a transparency-log witness for Steno audit logs (C2SP tlog-witness)')
    .requiredOption(
      '--dir <dir>',
      "the witness's own folder: its key and state (not the server's data folder)",
    )
    .requiredOption('--name <name>', 'the witness name, e.g. witness.example.com/w1')
    .requiredOption(
      '--log <verifierKey>',
      "a log to witness, by its checkpoint verifier key (GET /v1/audit/key's verifierKey); repeat",
      (v: string, prev: string[] = []) => [...prev, v],
    )
    .option('--host <host>', 'listen address', '127.0.0.1')
    .option('--port <port>', 'listen port', '7380')
    .action(async (opts: WitnessOpts) => {
      const logs = new Map<string, NoteVerifier[]>();
      for (const text of opts.log) {
        const key = parseVerifierKey(text);
        if (!key.ok) throw new CliError('CONFIG_INVALID', `not a log verifier key: ${text}`);
        // A log's key name is its origin (C2SP tlog-checkpoint).
        logs.set(key.verifier.name, [...(logs.get(key.verifier.name) ?? []), key.verifier]);
      }
      let signer: ReturnType<typeof loadOrCreateWitnessKey>;
      try {
        signer = loadOrCreateWitnessKey(opts.dir, opts.name);
      } catch (cause) {
        throw new CliError('CONFIG_INVALID', (cause as Error).message, { cause });
      }
      const witness = new Witness({
        signer,
        logs: [...logs].map(([origin, verifiers]) => ({ origin, verifiers })),
        state: new FileWitnessState(opts.dir),
        onRefused: (origin, status, reason) =>
          console.error(`steno witness: refused a checkpoint of ${origin} (${status}: ${reason})`),
      });
      const running = await startWitnessServer(witness, opts.host, Number(opts.port));
      console.log(`steno witness ${opts.name} listening on ${running.url}`);
      console.log(`verifier key: ${witness.verifierKey}`);
      console.log(`give the server: STENO_WITNESSES="${running.url} ${witness.verifierKey}"`);
      await new Promise<void>((resolve) => {
        const stop = () => {
          running.close().then(resolve, resolve);
        };
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
    });
}
