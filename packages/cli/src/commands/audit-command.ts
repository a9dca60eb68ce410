/** `steno audit`: verify the tamper-evident audit log offline, and export it for others to verify. */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { type ConnectionOptions, callApi, resolveTarget } from '../api-client.ts';
import { verifyAuditLog } from '../audit-verify.ts';
import { CliError } from '../cli-error.ts';

interface VerifyOpts extends ConnectionOptions {
  key?: string;
  witness?: string[];
  quorum?: number;
  previous?: string;
  save?: string;
  from?: string;
}

async function fetchText(server: string, path: string): Promise<string> {
  const res = await fetch(`${server}${path}`, { signal: AbortSignal.timeout(15_000) }).catch(
    (cause: unknown) => {
      throw new CliError('SERVER_UNREACHABLE', `cannot reach ${server}`, { cause });
    },
  );
  if (!res.ok) {
    // A tampered log says so (AUDIT_TAMPERED with the first bad index): pass that on as it is.
    const body = (await res.json().catch(() => undefined)) as
      | { error?: { code?: string; message?: string } }
      | undefined;
    if (body?.error?.code === 'AUDIT_TAMPERED')
      throw new CliError('AUDIT_TAMPERED', body.error.message ?? path);
    throw new CliError(`HTTP_${res.status}`, `${path} answered ${res.status}`);
  }
  return res.text();
}

interface Fetched {
  checkpoint: string;
  key: string;
  witnesses: string[];
  quorum: number;
  entries: { idx: number; text: string }[];
}

/**
 * The checkpoint first (it pins the size), then the entries up to that size: reading them is
 * audited, so the log grows meanwhile, and what lies beyond the checkpoint is the next one's.
 */
async function fetchAll(opts: ConnectionOptions): Promise<Fetched> {
  const target = resolveTarget(opts);
  const checkpoint = await fetchText(target.server, '/v1/audit/checkpoint');
  const size = Number(checkpoint.split('\n')[1]);
  const keys = JSON.parse(await fetchText(target.server, '/v1/audit/key')) as {
    verifierKey: string;
    witnesses?: { verifierKey: string }[];
    quorum?: number;
  };
  const entries: { idx: number; text: string }[] = [];
  while (entries.length < size) {
    const limit = Math.min(5_000, size - entries.length);
    const page = await callApi<{ entries: { idx: number; text: string }[] }>(
      target,
      'GET',
      `/v1/audit/entries?from=${entries.length}&limit=${limit}`,
    );
    entries.push(...page.entries);
    if (page.entries.length < limit) break;
    process.stderr.write(`\rsteno audit: ${entries.length} entries read`);
  }
  return {
    checkpoint,
    key: keys.verifierKey,
    witnesses: (keys.witnesses ?? []).map((w) => w.verifierKey),
    quorum: keys.quorum ?? 1,
    entries,
  };
}

export function registerAuditCommand(program: Command): void {
  const audit = program.command('audit').description('verify and export the tamper-evident audit log');
  const conn = (c: Command) =>
    c
      .option('--server <url>', 'Steno server URL (default $STENO_SERVER or http://127.0.0.1:8470)')
      .option(
        '--token-file <file>',
        'API token with audit:read (default $STENO_TOKEN or <data>/operator.token)',
      )
      .option('--data <dir>', "the server's data folder, to find operator.token");

  conn(
    audit
      .command('verify')
      .description('check the whole log against a signed checkpoint (and an earlier checkpoint, if given)')
      .option('--from <dir>', 'verify an export made by `steno audit export` instead of asking a server')
      .option(
        '--key <verifierKey>',
        "the log's verifier key to trust (pin it; default: the export's or server's)",
      )
      .option(
        '--witness <verifierKey>',
        "a witness's cosigner key to trust (repeat; pin them; default: the export's or server's)",
        (v: string, prev: string[] = []) => [...prev, v],
      )
      .option(
        '--quorum <n>',
        'how many of those witnesses must have cosigned (default: the published quorum)',
        (v) => Number.parseInt(v, 10),
      )
      .option('--previous <file>', 'an earlier checkpoint: the log must be an extension of it')
      .option('--save <file>', 'write the verified checkpoint here, to pass as --previous next time'),
  ).action(async (opts: VerifyOpts) => {
    let data: Fetched;
    if (opts.from) {
      const dir = opts.from;
      if (!existsSync(join(dir, 'checkpoint.txt')))
        throw new CliError('EXPORT_INVALID', `no checkpoint.txt in ${dir}`);
      const w = existsSync(join(dir, 'witnesses.json'))
        ? (JSON.parse(readFileSync(join(dir, 'witnesses.json'), 'utf8')) as {
            witnesses: string[];
            quorum: number;
          })
        : { witnesses: [], quorum: 1 };
      data = {
        checkpoint: readFileSync(join(dir, 'checkpoint.txt'), 'utf8'),
        key: readFileSync(join(dir, 'verifier-key.txt'), 'utf8').trim(),
        witnesses: w.witnesses,
        quorum: w.quorum,
        entries: readFileSync(join(dir, 'entries.jsonl'), 'utf8')
          .split('\n')
          .filter((l) => l !== '')
          .map((l) => JSON.parse(l) as { idx: number; text: string }),
      };
    } else data = await fetchAll(opts);
    const key = opts.key ?? data.key;
    if (!opts.key) console.error(`steno audit: trusting verifier key ${key} (pin it with --key)`);
    const witnesses = opts.witness ?? data.witnesses;
    const quorum = opts.quorum ?? data.quorum;
    if (!opts.witness)
      console.error(
        `steno audit: trusting witnesses ${witnesses.join(', ') || '(none)'} with quorum ${quorum} (pin them with --witness and --quorum)`,
      );
    let previous: { checkpoint: string; consistencyProof: string[] } | undefined;
    if (opts.previous) {
      const prevText = readFileSync(opts.previous, 'utf8');
      const prevSize = Number(prevText.split('\n')[1]);
      const size = Number(data.checkpoint.split('\n')[1]);
      let proof: string[];
      if (opts.from) {
        const file = join(opts.from, `consistency-${prevSize}.json`);
        if (!existsSync(file))
          throw new CliError('EXPORT_INVALID', `the export has no consistency proof from size ${prevSize}`);
        proof = (JSON.parse(readFileSync(file, 'utf8')) as { proof: string[] }).proof;
      } else {
        proof = (
          await callApi<{ proof: string[] }>(
            resolveTarget(opts),
            'GET',
            `/v1/audit/proof/consistency?from=${prevSize}&to=${size}`,
          )
        ).proof;
      }
      previous = { checkpoint: prevText, consistencyProof: proof };
    }
    const result = verifyAuditLog({
      checkpoint: data.checkpoint,
      verifierKey: key,
      witnesses,
      quorum,
      entries: data.entries,
      previous,
    });
    if (!result.ok) throw new CliError('AUDIT_TAMPERED', result.reason);
    if (opts.save) writeFileSync(opts.save, data.checkpoint);
    console.log(
      `audit log verified: ${result.size} entries, root ${result.root}, cosigned by a quorum of ${quorum}${previous ? ', consistent with the previous checkpoint' : ''}`,
    );
  });

  conn(
    audit
      .command('export')
      .description(
        'write the entries, the signed checkpoint and the verifier key to a folder for offline verification',
      )
      .requiredOption('--out <dir>', 'folder to write')
      .option(
        '--consistency-from <size>',
        'also include a consistency proof from this earlier tree size',
        (v) => Number.parseInt(v, 10),
      ),
  ).action(async (opts: ConnectionOptions & { out: string; consistencyFrom?: number }) => {
    const data = await fetchAll(opts);
    mkdirSync(opts.out, { recursive: true });
    writeFileSync(join(opts.out, 'checkpoint.txt'), data.checkpoint);
    writeFileSync(join(opts.out, 'verifier-key.txt'), `${data.key}\n`);
    writeFileSync(
      join(opts.out, 'witnesses.json'),
      `${JSON.stringify({ witnesses: data.witnesses, quorum: data.quorum })}\n`,
    );
    writeFileSync(
      join(opts.out, 'entries.jsonl'),
      data.entries.map((e) => JSON.stringify(e)).join('\n') + (data.entries.length ? '\n' : ''),
    );
    if (opts.consistencyFrom !== undefined) {
      const proof = await callApi<{ proof: string[] }>(
        resolveTarget(opts),
        'GET',
        `/v1/audit/proof/consistency?from=${opts.consistencyFrom}&to=${Number(data.checkpoint.split('\n')[1])}`,
      );
      writeFileSync(join(opts.out, `consistency-${opts.consistencyFrom}.json`), JSON.stringify(proof));
    }
    console.log(`exported ${data.entries.length} audit entries to ${opts.out}`);
  });
}
