/** `steno invite`: a privacy officer invites a person with a role (a link in local mode; a role for their provider e-mail with OIDC). */
import type { Command } from 'commander';
import {
  type ConnectionOptions,
  callApi,
  resolveTarget,
  withBootstrapToken,
  withConnectionOptions,
} from '../api-client.ts';

export function registerInviteCommand(program: Command): void {
  withConnectionOptions(
    program
      .command('invite')
      .description(
        'invite a person: prints a single-use sign-up link (local accounts) or records their role (OIDC)',
      )
      .argument('<email>', 'their e-mail address')
      .requiredOption(
        '--role <role>',
        'contributor | privacy_officer | investigator | ml_engineer | operator',
      )
      .option('--subject <id>', 'for a contributor: the subject id their devices are enrolled under')
      .option('--json', 'print JSON'),
    '<data>/privacy-officer.token',
  ).action(
    async (email: string, opts: ConnectionOptions & { role: string; subject?: string; json?: boolean }) => {
      const out = await callApi<{
        email: string;
        role: string;
        subject: string;
        link: string;
        expiresAt: number | null;
      }>(resolveTarget(withBootstrapToken(opts, 'privacy-officer.token')), 'POST', '/v1/auth/invitations', {
        email,
        role: opts.role,
        ...(opts.subject ? { subject: opts.subject } : {}),
      });
      if (opts.json) return console.log(JSON.stringify(out));
      console.log(out.link);
      console.error(
        out.expiresAt
          ? `single-use sign-up link for ${out.email} (${out.role}), valid until ${new Date(out.expiresAt).toISOString()}; give it to them once`
          : `${out.email} may now sign in with the identity provider as ${out.role}`,
      );
    },
  );
}
