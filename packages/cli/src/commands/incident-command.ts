/**
 * `steno incident`: open and list incidents, build an investigation report from the verified
 * audit log, and verify a report offline against the audit verifier key.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { verifyIncidentReport } from '@steno/server';
import type { Command } from 'commander';
import {
  type ConnectionOptions,
  callApi,
  resolveTarget,
  withBootstrapToken,
  withConnectionOptions,
} from '../api-client.ts';
import { CliError } from '../cli-error.ts';

interface IncidentView {
  id: string;
  severityName: string;
  category: string;
  title: string;
  status: string;
  autoPaused: boolean;
  notificationClock: { running: boolean; msLeft?: number; overdue?: boolean; reason?: string };
}

const clock = (c: IncidentView['notificationClock']) =>
  c.running
    ? `${c.overdue ? 'OVERDUE' : `${Math.max(0, (c.msLeft ?? 0) / 3_600_000).toFixed(1)} h left`} to notify the regulator`
    : (c.reason ?? '').replaceAll('_', ' ');

export function registerIncidentCommand(program: Command): void {
  const cmd = program.command('incident').description('incidents: open, list, investigation reports');
  const conn = (c: Command) =>
    withConnectionOptions(c, 'a privacy officer or investigator token; default <data>/privacy-officer.token');
  conn(
    cmd
      .command('open')
      .description('open an incident; at or above the configured severity the program pauses at once')
      .argument('<title>', 'a short title (no personal data)')
      .requiredOption(
        '--category <c>',
        'exposure_beyond_purpose | unauthorised_access | filter_miss | device_compromise | policy_breach | other',
      )
      .option('--severity <n>', 'SEV level 0 (worst) to 5; default 1 (when unsure, assume the worse)', (v) =>
        Number.parseInt(v, 10),
      )
      .option('--no-personal-data', 'no personal data affected: no 72-hour notification clock'),
  ).action(
    async (
      title: string,
      opts: ConnectionOptions & { category: string; severity?: number; personalData: boolean },
    ) => {
      const out = await callApi<{ incident: IncidentView; devicesNotified: number }>(
        resolveTarget(withBootstrapToken(opts, 'privacy-officer.token')),
        'POST',
        '/v1/incidents',
        {
          title,
          category: opts.category,
          ...(opts.severity === undefined ? {} : { severity: opts.severity }),
          personalDataBreach: opts.personalData,
        },
      );
      const i = out.incident;
      console.log(`${i.id} ${i.severityName} ${i.category}: ${i.title}`);
      if (i.autoPaused) console.log(`program paused; ${out.devicesNotified} connected devices told`);
      console.log(clock(i.notificationClock));
    },
  );
  conn(cmd.command('list').description('incidents, newest first').option('--json', 'print JSON')).action(
    async (opts: ConnectionOptions & { json?: boolean }) => {
      const out = await callApi<{ incidents: IncidentView[] }>(
        resolveTarget(withBootstrapToken(opts, 'privacy-officer.token')),
        'GET',
        '/v1/incidents',
      );
      if (opts.json) return console.log(JSON.stringify(out));
      for (const i of out.incidents)
        console.log(`${i.id}\t${i.severityName}\t${i.status}\t${i.title}\t${clock(i.notificationClock)}`);
    },
  );
  conn(
    cmd
      .command('report')
      .description('investigation report: every access to the subjects in the window, with proofs')
      .argument('<id>', 'incident id')
      .requiredOption('--subjects <ids>', 'comma-separated subject ids')
      .requiredOption('--from <time>', 'window start (ISO 8601 or epoch ms)')
      .option('--to <time>', 'window end (default now)')
      .requiredOption('-o, --out <file>', 'where to write the report (JSON)'),
  ).action(
    async (
      id: string,
      opts: ConnectionOptions & { subjects: string; from: string; to?: string; out: string },
    ) => {
      const time = (v: string) => {
        const t = /^\d+$/.test(v) ? Number(v) : Date.parse(v);
        if (!Number.isFinite(t))
          throw new CliError(
            'BAD_TIME',
            `not a time: ${v}: give an ISO date (2026-12-07T09:00Z) or milliseconds since 1970`,
          );
        return t;
      };
      const report = await callApi<{ accesses: unknown[]; entriesVerified: number }>(
        resolveTarget(withBootstrapToken(opts, 'privacy-officer.token')),
        'POST',
        `/v1/incidents/${encodeURIComponent(id)}/report`,
        {
          subjects: opts.subjects.split(',').map((s) => s.trim()),
          from: time(opts.from),
          to: opts.to ? time(opts.to) : Date.now(),
        },
      );
      writeFileSync(opts.out, `${JSON.stringify(report, null, 2)}\n`, { mode: 0o600 });
      console.log(
        `${report.accesses.length} accesses; audit log of ${report.entriesVerified} entries verified; written to ${opts.out}`,
      );
    },
  );
  cmd
    .command('verify')
    .description(
      "verify an investigation report offline: the checkpoint's signature and witnesses' cosignatures, and every inclusion proof",
    )
    .argument('<file>', 'the report (JSON)')
    .requiredOption('--key <verifier-key>', "the audit log's verifier key (GET /v1/audit/key)")
    .requiredOption(
      '--witness <cosigner-key>',
      "a witness's cosigner key to trust (repeat for several; GET /v1/audit/key lists them: pin them)",
      (v: string, all: string[] = []) => [...all, v],
    )
    .option('--quorum <n>', 'how many of those witnesses must have cosigned (default: all of them)', (v) =>
      Number.parseInt(v, 10),
    )
    .action((file: string, opts: { key: string; witness: string[]; quorum?: number }) => {
      const quorum = opts.quorum ?? opts.witness.length;
      if (!Number.isInteger(quorum) || quorum < 1 || quorum > opts.witness.length)
        throw new CliError(
          'USAGE',
          `--quorum is a number from 1 to the ${opts.witness.length} witnesses given`,
        );
      let report: unknown;
      try {
        report = JSON.parse(readFileSync(file, 'utf8'));
      } catch (cause) {
        throw new CliError(
          'BAD_REPORT',
          `cannot read ${file} as JSON: give the file steno incident report --out wrote (or the portal's download)`,
          { cause },
        );
      }
      // Issue 20: a report stands only on a checkpoint a quorum of witnesses cosigned.
      const out = verifyIncidentReport(report, opts.key, { keys: opts.witness, quorum });
      if (!out.ok)
        throw new CliError(
          'REPORT_INVALID',
          `${out.reason}: the report does not verify under this key and these witnesses; check --key and --witness against GET /v1/audit/key, and treat the report as untrusted`,
        );
      console.log(
        `report verified: ${out.accesses} accesses, each included in the signed log of ${out.size} entries, cosigned by ${quorum} of ${opts.witness.length} witnesses`,
      );
    });
}
