/**
 * `steno me events` and `steno me access`: a contributor reads all of their own data (issue 20),
 * following the server's cursor page by page (each page a guarded, audited read) to the end, so a
 * window with more events than one page holds is read whole. Writes JSON lines.
 */
import { createWriteStream } from 'node:fs';
import type { Command } from 'commander';
import { type ConnectionOptions, callApi, resolveTarget, withConnectionOptions } from '../api-client.ts';

interface Opts extends ConnectionOptions {
  from?: string;
  to?: string;
  out?: string;
  page?: string;
}

/** Every page of `path` from the first to the one with no `nextCursor`, each item to `write`. */
async function readAll<T>(
  opts: ConnectionOptions,
  path: string,
  params: Record<string, string | undefined>,
  items: (page: Record<string, unknown>) => T[],
  write: (item: T) => void,
): Promise<number> {
  const target = resolveTarget(opts);
  let cursor: string | undefined;
  let n = 0;
  do {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries({ ...params, cursor })) if (v !== undefined) q.set(k, v);
    const page = await callApi<Record<string, unknown> & { nextCursor: string | null }>(
      target,
      'GET',
      `${path}?${q}`,
    );
    for (const item of items(page)) {
      write(item);
      n++;
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return n;
}

function sink(out: string | undefined): { write: (v: unknown) => void; close: () => Promise<void> } {
  if (!out) return { write: (v) => process.stdout.write(`${JSON.stringify(v)}\n`), close: async () => {} };
  const stream = createWriteStream(out, { mode: 0o600 });
  return {
    write: (v) => stream.write(`${JSON.stringify(v)}\n`),
    close: () => new Promise((resolve) => stream.end(resolve)),
  };
}

export function registerMeCommand(program: Command): void {
  const me = program.command('me').description('read all of your own data from the server (every page)');
  withConnectionOptions(
    me
      .command('events')
      .description('all of my captured events in a window, one JSON line each (every page)')
      .option('--from <ms>', 'from this time (epoch ms)')
      .option('--to <ms>', 'up to this time (epoch ms)')
      .option('--page <n>', 'events per page (at most 5000)', '5000')
      .option('--out <file>', 'write here (0600) instead of standard output'),
    'your personal token (steno agent token)',
  ).action(async (opts: Opts) => {
    const out = sink(opts.out);
    const n = await readAll(
      opts,
      '/v1/me/events',
      { from: opts.from, to: opts.to, limit: opts.page },
      (p) => p.events as unknown[],
      out.write,
    );
    await out.close();
    console.error(`steno me events: ${n} events`);
  });
  withConnectionOptions(
    me
      .command('access')
      .description('every recorded access to my data, one JSON line each (every page)')
      .option('--out <file>', 'write here (0600) instead of standard output'),
    'your personal token (steno agent token)',
  ).action(async (opts: Opts) => {
    const out = sink(opts.out);
    const n = await readAll(
      opts,
      '/v1/me/access',
      { limit: '1000' },
      (p) => p.entries as unknown[],
      out.write,
    );
    await out.close();
    console.error(`steno me access: ${n} entries`);
  });
}
