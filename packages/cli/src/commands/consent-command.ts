/** `steno consent`: a contributor reads the current notice and gives or withdraws consent. */
import type { Command } from 'commander';
import { type ConnectionOptions, callApi, resolveTarget, withConnectionOptions } from '../api-client.ts';
import { CliError } from '../cli-error.ts';

interface ConsentView {
  notice: { version: number; markdown: string } | null;
  current: boolean;
}

export function registerConsentCommand(program: Command): void {
  const cmd = program
    .command('consent')
    .description('the consent notice: read it, give or withdraw your consent');
  const conn = (c: Command) => withConnectionOptions(c, 'your personal token, see steno agent token');
  conn(cmd.command('show').description('print the current notice and whether you consent to it')).action(
    async (opts: ConnectionOptions) => {
      const v = await callApi<ConsentView>(resolveTarget(opts), 'GET', '/v1/me/consent');
      if (!v.notice) return console.log('no consent notice is published yet: nothing is captured');
      console.log(
        `${v.notice.markdown}\n\n(notice version ${v.notice.version}; you ${v.current ? 'consent' : 'do not consent'})`,
      );
    },
  );
  for (const [name, decision, what] of [
    ['give', 'give', 'consent to the current notice: capture may start within its scope'],
    ['withdraw', 'withdraw', 'withdraw your consent: capture stops on your devices at once'],
  ] as const) {
    conn(cmd.command(name).description(what)).action(async (opts: ConnectionOptions) => {
      const target = resolveTarget(opts);
      const v = await callApi<ConsentView>(target, 'GET', '/v1/me/consent');
      if (!v.notice)
        throw new CliError(
          'NO_NOTICE',
          'no consent notice is published yet, so nothing is captured: a privacy officer publishes one (steno program notice FILE)',
        );
      const out = await callApi<ConsentView>(target, 'POST', '/v1/me/consent', {
        version: v.notice.version,
        decision,
        channel: 'cli',
      });
      console.log(
        out.current
          ? `you consent to notice version ${v.notice.version}`
          : 'consent withdrawn: capture stops on your devices',
      );
    });
  }
}
