/** `steno server`: the Steno server on the embedded default (PGlite) or PostgreSQL. */

import {
  createStenoServer,
  ensureFirstInvitation,
  ensureOperatorToken,
  ensurePrivacyOfficerToken,
  loadConfig,
} from '@steno/server';
import type { Command } from 'commander';
import { runDemo } from './demo-console.ts';

interface ServerOptions {
  host?: string;
  port?: number;
  data?: string;
  pg?: string;
  logLevel?: string;
  demo?: boolean;
  nats?: string;
  role?: string;
  publicOrigin?: string;
}

export function registerServerCommand(program: Command): void {
  program
    .command('server')
    .description('run the Steno server (embedded PGlite store by default; PostgreSQL with --pg)')
    .option('--host <host>', 'address to listen on (default $STENO_HOST or 127.0.0.1)')
    .option('--port <port>', 'port to listen on (default $STENO_PORT or 8470)', (v) => Number.parseInt(v, 10))
    .option('--data <dir>', 'data folder: store, key store, KEK (default $STENO_DATA_DIR or ./.steno)')
    .option('--pg <url>', 'PostgreSQL URL instead of the embedded store (default $STENO_PG_URL)')
    .option('--log-level <level>', 'fatal|error|warn|info|debug|silent (default $STENO_LOG_LEVEL or info)')
    .option(
      '--nats <url>',
      'NATS JetStream URL: production mode, ingest through the queue (default $STENO_NATS_URL)',
    )
    .option('--role <role>', 'with --nats: ingest | writer | all (default $STENO_ROLE or all)')
    .option(
      '--public-origin <url>',
      'the origin people reach Steno at (default $STENO_PUBLIC_ORIGIN or http://host:port)',
    )
    .option(
      '--demo',
      'also set up a demo program (notice, scope, legal basis, consent) and run five demo devices replaying recordings',
    )
    .action(async (opts: ServerOptions) => {
      const started = Date.now();
      const config = loadConfig({
        host: opts.host,
        port: opts.port,
        dataDir: opts.data,
        pgUrl: opts.pg,
        natsUrl: opts.nats,
        role: opts.role,
        publicOrigin: opts.publicOrigin,
        logLevel: opts.logLevel ?? (opts.demo ? 'warn' : undefined),
      });
      console.log(
        `Steno: opening the ${config.pgUrl ? 'PostgreSQL' : 'embedded'} store in ${config.pgUrl ? 'PostgreSQL' : config.dataDir} ...`,
      );
      const server = await createStenoServer(config);
      const url = await server.listen();
      const operatorFile = await ensureOperatorToken(server);
      console.log(`Steno server listening on ${url}  (API description: ${url}/openapi.json)`);
      const officerFile = await ensurePrivacyOfficerToken(server);
      console.log(
        `Bootstrap tokens for the CLI (mode 0600): operator ${operatorFile}, privacy officer ${officerFile}`,
      );
      const first = await ensureFirstInvitation(server, {
        email: process.env.STENO_ADMIN_EMAIL ?? 'privacy-officer@steno.local',
        role: 'privacy_officer',
      });
      if (first)
        console.log(
          `First privacy officer: open ${first.link} to set a password (single use, until ${new Date(first.expiresAt).toISOString()}).`,
        );
      let stopDemo: (() => Promise<void>) | undefined;
      if (opts.demo) stopDemo = await runDemo(server, url, started);
      const shutdown = async (signal: string) => {
        console.log(`\n${signal}: stopping Steno ...`);
        await stopDemo?.().catch(() => undefined);
        await server.close();
        process.exit(0);
      };
      process.once('SIGINT', () => void shutdown('SIGINT'));
      process.once('SIGTERM', () => void shutdown('SIGTERM'));
    });
}
