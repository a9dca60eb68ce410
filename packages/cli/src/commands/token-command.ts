/**
 * `steno token`: list and revoke my API tokens (the credential's own, never anyone else's). The
 * server never returns a token's value after it was created, so nothing here can print one.
 */
import type { Command } from 'commander';
import { type ConnectionOptions, callApi, resolveTarget, withConnectionOptions } from '../api-client.ts';

export interface TokenInfo {
  id: string;
  name: string;
  scopes: string[];
  createdAt: number;
  expiresAt: number;
  revokedAt: number | null;
}

/** `active`, `expired` or `revoked` at `now`. */
export function tokenState(t: TokenInfo, now: number): 'active' | 'expired' | 'revoked' {
  if (t.revokedAt !== null) return 'revoked';
  return t.expiresAt <= now ? 'expired' : 'active';
}

const day = (ms: number) => new Date(ms).toISOString().slice(0, 16).replace('T', ' ');

export function registerTokenCommand(program: Command): void {
  const cmd = program
    .command('token')
    .description('my API tokens (those of the credential used): list them, revoke one');
  const conn = (c: Command) => withConnectionOptions(c, '<data>/operator.token');
  conn(
    cmd
      .command('list')
      .description('my API tokens: id, name, scopes, created, expires, state (never their values)')
      .option('--json', 'print JSON'),
  ).action(async (opts: ConnectionOptions & { json?: boolean }) => {
    const out = await callApi<{ tokens: TokenInfo[] }>(resolveTarget(opts), 'GET', '/v1/tokens');
    if (opts.json) return console.log(JSON.stringify(out));
    if (out.tokens.length === 0) return console.log('no API tokens');
    const now = Date.now();
    console.log(['id', 'name', 'scopes', 'created (UTC)', 'expires (UTC)', 'state'].join('\t'));
    for (const t of out.tokens)
      console.log(
        [
          t.id,
          t.name || '-',
          t.scopes.join(',') || '-',
          day(t.createdAt),
          day(t.expiresAt),
          tokenState(t, now),
        ].join('\t'),
      );
  });
  conn(
    cmd
      .command('revoke')
      .description('revoke one of my API tokens at once; whoever holds it can no longer use it')
      .argument('<id>', 'the token id (tok_…), as steno token list shows it'),
  ).action(async (id: string, opts: ConnectionOptions) => {
    const out = await callApi<{ revoked: boolean }>(
      resolveTarget(opts),
      'DELETE',
      `/v1/tokens/${encodeURIComponent(id)}`,
    );
    console.log(out.revoked ? `token ${id} revoked` : `token ${id} was already revoked`);
  });
}
