/**
 * `steno kek rotate`: re-wrap every data key and dataset key under a new key-encryption key, then
 * destroy the old one — so key-store backups from before the rotation can no longer be read.
 * Run it with the server stopped (the embedded store is single-process).
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  FileKeyStore,
  kekFromBase64,
  loadConfig,
  migrate,
  openStore,
  rotateKekFile,
  rotateKekValue,
} from '@steno/server';
import type { Command } from 'commander';
import { CliError } from '../cli-error.ts';

export function registerKekCommand(program: Command): void {
  const kek = program.command('kek').description('the key-encryption key that wraps every data key');
  kek
    .command('rotate')
    .description('re-wrap every data key under a new KEK and destroy the old one (stop the server first)')
    .option('--data <dir>', "the server's data folder (default $STENO_DATA_DIR or ./.steno)")
    .option('--pg <url>', 'PostgreSQL instead of the embedded store (default $STENO_PG_URL)')
    .option(
      '--new-kek-file <file>',
      'with the KEK from $STENO_KEK: where to write the new KEK (0600) to install in your secret store',
    )
    .action(async (opts: { data?: string; pg?: string; newKekFile?: string }) => {
      const config = loadConfig({ dataDir: opts.data, pgUrl: opts.pg, logLevel: 'silent' });
      const db = await openStore(config);
      try {
        await migrate(db);
        const kekFile = config.kekFile ?? join(config.dataDir, 'kek.key');
        const keysDir = join(config.dataDir, 'keys');
        let report: Awaited<ReturnType<typeof rotateKekFile>>;
        if (config.kek) {
          if (!opts.newKekFile)
            throw new CliError('NEW_KEK_FILE_REQUIRED', 'the KEK comes from STENO_KEK: give --new-kek-file');
          report = await rotateKekValue(
            config.kek,
            resolve(opts.newKekFile),
            new FileKeyStore(keysDir, kekFromBase64(config.kek)),
            db,
          );
          console.log(
            `new KEK written to ${resolve(opts.newKekFile)}: put it in STENO_KEK, then delete the file and the old KEK`,
          );
        } else {
          const current = kekFromBase64(readFileSync(kekFile, 'utf8').trim());
          report = await rotateKekFile(kekFile, new FileKeyStore(keysDir, current), db);
          console.log(`KEK rotated in ${kekFile}; the old KEK is destroyed`);
        }
        console.log(
          `${report.dataKeys} data keys and ${report.datasets} dataset keys re-wrapped (KEK ${report.oldKekId} → ${report.newKekId})`,
        );
      } finally {
        await db.close();
      }
    });
}
