/**
 * `steno invite`: a privacy officer invites a person with a role (a link in local mode; a role for
 * their provider e-mail with OIDC). The privacy-officer and investigator roles need a second
 * privacy officer: `steno invite` records a request, and another officer lists it
 * (`steno invite requests`) and approves it (`steno invite approve ID`), which prints the link.
 */
import { PERSON_ROLES } from '@steno/server';
import { type Command, InvalidArgumentError } from 'commander';
import {
  type ConnectionOptions,
  callApi,
  resolveTarget,
  withBootstrapToken,
  withConnectionOptions,
} from '../api-client.ts';
import { CliError } from '../cli-error.ts';

interface InviteResult {
  email: string;
  role: string;
  subject: string;
  link: string | null;
  expiresAt: number | null;
  state: 'invited' | 'pending_second_officer';
  requestId?: string;
}

interface RoleGrantRequest {
  id: string;
  email: string;
  role: string;
  requestedBy: string;
  requestedAt: number;
}

const TOKEN_HELP = '<data>/privacy-officer.token';

/** The roles a person can be invited to, as the CLI writes them (ml-engineer; ml_engineer is accepted too). */
const ROLE_NAMES = PERSON_ROLES.map((r) => r.replaceAll('_', '-'));

/**
 * A role named either way (ml-engineer or ml_engineer, any case) as the API's name
 * (ml_engineer); an unknown one is refused with the list of roles.
 */
export function parseRole(value: string): string {
  const role = value.trim().toLowerCase().replaceAll('-', '_');
  if ((PERSON_ROLES as readonly string[]).includes(role)) return role;
  throw new InvalidArgumentError(
    `not a role: use one of ${ROLE_NAMES.join(', ')} (with - or _, e.g. ml-engineer or ml_engineer)`,
  );
}

function target(opts: ConnectionOptions) {
  return resolveTarget(withBootstrapToken(opts, 'privacy-officer.token'));
}

/** Prints an invitation: the link on stdout (for scripts), what it means on stderr. */
function printInvitation(out: InviteResult): void {
  if (out.state === 'pending_second_officer') {
    console.log(`request ${out.requestId} waits for a second privacy officer`);
    console.error(
      `${out.email} (${out.role}) is not invited yet: another privacy officer approves it with\n  steno invite approve ${out.requestId}`,
    );
    return;
  }
  if (out.link) {
    console.log(out.link);
    console.error(
      out.expiresAt
        ? `single-use sign-up link for ${out.email} (${out.role}), valid until ${new Date(out.expiresAt).toISOString()}; give it to them once`
        : `single-use sign-up link for ${out.email} (${out.role}); give it to them once`,
    );
  } else console.log(`${out.email} may now sign in with the identity provider as ${out.role}`);
}

export function registerInviteCommand(program: Command): void {
  const invite = withConnectionOptions(
    program
      .command('invite')
      .description(
        'invite a person: prints a single-use sign-up link (local accounts) or records their role (OIDC); the privacy-officer and investigator roles wait for a second privacy officer (steno invite requests, steno invite approve ID)',
      )
      .argument('<email>', 'their e-mail address')
      // Checked in the action: commander checks required options before it dispatches to a
      // subcommand, which would refuse `steno invite requests`.
      .option('--role <role>', `${ROLE_NAMES.join(' | ')} (required; - or _ alike)`, parseRole)
      .option('--subject <id>', 'for a contributor: the subject id their devices are enrolled under')
      .option('--json', 'print JSON'),
    TOKEN_HELP,
  ).action(
    async (email: string, opts: ConnectionOptions & { role?: string; subject?: string; json?: boolean }) => {
      if (!opts.role) throw new CliError('ROLE_REQUIRED', `say which role: --role ${ROLE_NAMES.join(' | ')}`);
      const out = await callApi<InviteResult>(target(opts), 'POST', '/v1/auth/invitations', {
        email,
        role: opts.role,
        ...(opts.subject ? { subject: opts.subject } : {}),
      });
      if (opts.json) return console.log(JSON.stringify(out));
      printInvitation(out);
    },
  );

  withConnectionOptions(
    invite
      .command('requests')
      .description(
        'list requests for the privacy-officer or investigator role that wait for a second officer',
      )
      .option('--json', 'print JSON'),
    TOKEN_HELP,
  ).action(async (opts: ConnectionOptions & { json?: boolean }) => {
    const out = await callApi<{ requests: RoleGrantRequest[] }>(
      target(opts),
      'GET',
      '/v1/auth/invitations/requests',
    );
    if (opts.json) return console.log(JSON.stringify(out));
    if (out.requests.length === 0) return console.error('no requests are waiting');
    for (const r of out.requests)
      console.log(
        `${r.id}\t${r.email}\t${r.role}\trequested by ${r.requestedBy}\t${new Date(r.requestedAt).toISOString()}`,
      );
  });

  withConnectionOptions(
    invite
      .command('approve')
      .description(
        'approve a waiting request as a second privacy officer (not the one who asked); prints the sign-up link',
      )
      .argument('<id>', 'the request id (steno invite requests)')
      .option('--json', 'print JSON'),
    TOKEN_HELP,
  ).action(async (id: string, opts: ConnectionOptions & { json?: boolean }) => {
    const out = await callApi<InviteResult>(
      target(opts),
      'POST',
      `/v1/auth/invitations/requests/${encodeURIComponent(id)}/approve`,
      {},
    );
    if (opts.json) return console.log(JSON.stringify(out));
    printInvitation(out);
  });
}
