/**
 * A real Steno server for tests, on the embedded store (seeded PGlite in a temp data folder) or on
 * PostgreSQL, listening on 127.0.0.1 with an ephemeral port when a socket is needed.
 */
import { randomBytes } from 'node:crypto';
import { loadConfig } from '../../packages/server/src/config.ts';
import { createStenoServer, type StenoServer } from '../../packages/server/src/steno-server.ts';
import { migrate } from '../../packages/server/src/store/migrate.ts';
import type { SqlClient } from '../../packages/server/src/store/sql-client.ts';
import { openPgTestStore, pgliteFromTemplate, removeDir, tempDir } from './test-stores.ts';

export type StoreKind = 'pglite' | 'postgres';

export interface TestServer {
  server: StenoServer;
  /** The server's clock: Date.now() unless a test sets an offset. */
  clock: { offsetMs: number };
  dataDir: string;
  kind: StoreKind;
  close(): Promise<void>;
}

export async function startTestServer(
  kind: StoreKind = 'pglite',
  options: {
    logLevel?: string;
    logStream?: NodeJS.WritableStream;
    /** More configuration (e.g. publicOrigin, oidcIssuer). */
    config?: Record<string, unknown>;
  } = {},
): Promise<TestServer> {
  const dataDir = tempDir();
  const clock = { offsetMs: 0 };
  let dropPg: (() => Promise<void>) | undefined;
  let db: SqlClient;
  if (kind === 'postgres') {
    const store = await openPgTestStore();
    db = store.db;
    dropPg = async () => store.drop();
  } else {
    db = await pgliteFromTemplate(`${dataDir}/db`);
  }
  await migrate(db);
  const config = loadConfig(
    {
      dataDir,
      port: 0,
      host: '127.0.0.1',
      logLevel: options.logLevel ?? 'silent',
      kek: randomBytes(32).toString('base64'),
      ...options.config,
    },
    {},
  );
  const server = await createStenoServer(config, {
    db,
    now: () => Date.now() + clock.offsetMs,
    logStream: options.logStream,
  });
  return {
    server,
    clock,
    dataDir,
    kind,
    async close() {
      await server.app.close();
      await server.datasets.idle();
      if (server.db !== server.ownerDb) await server.db.close();
      if (dropPg) await dropPg();
      else await server.db.close();
      removeDir(dataDir);
    },
  };
}
