/**
 * Benchmark `guard-decision`: the latency and throughput of one access decision by
 * `CedarPolicy.authorize` (build the request and entities, pre-parsed policy set and schema, request
 * validation, reason), against the anchor of a bare `isAuthorized` call with the same request,
 * measured in the same run. A third row, `statefulIsAuthorized` with the same request, shows what
 * the engine's own work costs apart from parsing policies.
 *
 *   npm run bench -- guard-decision [--n 4000] [--repeat 5]
 */
import { loadavg } from 'node:os';
import { isAuthorized, statefulIsAuthorized } from '../packages/policy/src/cedar-engine.ts';
import { buildRequest } from '../packages/policy/src/cedar-request.ts';
import type { AccessContext, Action, Principal, ResourceRef } from '../packages/policy/src/index.ts';
import { CedarPolicy, validatePolicies } from '../packages/policy/src/index.ts';
import { approvedGrant, HOUR, NOW, principalOf } from '../packages/policy/src/policy-fixtures.ts';
import { percentile, printTable, type Row, repeatRuns, stats, writeResults } from './lib/report.ts';

function option(args: string[], name: string, fallback: number): number {
  const i = args.indexOf(name);
  const value = i >= 0 ? Number(args[i + 1]) : fallback;
  if (!Number.isFinite(value) || value < 1) throw new Error(`${name} must be a positive number`);
  return Math.floor(value);
}

interface Scenario {
  name: string;
  principal: Principal;
  action: Action;
  resource: ResourceRef;
  context: AccessContext;
  expect: boolean;
}

const SCENARIOS: Scenario[] = [
  {
    name: 'contributor reads own events (allow)',
    principal: principalOf('contributor'),
    action: 'events.read',
    resource: { type: 'subject_events', subject: 's-own' },
    context: {},
    expect: true,
  },
  {
    name: 'operator reads events (deny)',
    principal: principalOf('operator'),
    action: 'events.read',
    resource: { type: 'subject_events', subject: 's-other' },
    context: {},
    expect: false,
  },
  {
    name: 'break-glass read with grant (allow)',
    principal: principalOf('investigator'),
    action: 'breakglass.read_events',
    resource: { type: 'subject_events', subject: 's-other' },
    context: { grant: approvedGrant(), readFrom: NOW - 2 * HOUR, readTo: NOW - HOUR },
    expect: true,
  },
];

/** Times `n` calls of `fn`, returning decisions/s and pushing per-call µs into `samples`. */
function timeCalls(fn: () => unknown, n: number, samples: number[]): number {
  const t0 = performance.now();
  for (let i = 0; i < n; i++) {
    const s = performance.now();
    fn();
    samples.push((performance.now() - s) * 1000);
  }
  return n / ((performance.now() - t0) / 1000);
}

export async function main(args: string[]): Promise<void> {
  const n = option(args, '--n', 4000);
  const repeat = option(args, '--repeat', 5);
  const set = validatePolicies();
  const policy = new CedarPolicy({ policySet: set, programPaused: () => false, now: () => NOW });
  const staticPolicies = { ...set.policies };
  const cacheId = `steno-${set.digest}`;

  // Other processes on a 2-core machine move these figures a lot: record how busy it was.
  const loadBefore = loadavg();
  const rows: Row[] = [];
  const figures: Record<string, unknown> = {};
  for (const sc of SCENARIOS) {
    const built = buildRequest(sc.principal, sc.action, sc.resource, sc.context, {
      now: NOW,
      programPaused: false,
      programId: 'steno',
    });
    if (!built.ok) throw new Error(`scenario ${sc.name}: ${built.reason}`);
    const req = { ...built.request, context: built.request.context as Record<string, never> };
    const decide = () => policy.authorize(sc.principal, sc.action, sc.resource, sc.context);
    const stateful = () =>
      statefulIsAuthorized({
        ...req,
        preparsedPolicySetId: cacheId,
        preparsedSchemaName: cacheId,
        validateRequest: true,
      });
    const anchor = () => isAuthorized({ ...req, policies: { staticPolicies } });

    // The three must agree, or the comparison means nothing.
    const a = anchor();
    if (
      decide().allow !== sc.expect ||
      a.type !== 'success' ||
      (a.response.decision === 'allow') !== sc.expect
    ) {
      throw new Error(`scenario ${sc.name}: decisions disagree`);
    }
    const entry: Record<string, unknown> = {};
    for (const [label, fn, calls] of [
      ['CedarPolicy.authorize', decide, n],
      ['statefulIsAuthorized (same request)', stateful, n],
      ['isAuthorized (anchor)', anchor, Math.max(200, Math.floor(n / 10))],
    ] as const) {
      const samples: number[] = [];
      const runs = await repeatRuns(() => timeCalls(fn, calls, samples), repeat);
      const perSecond = stats(runs);
      const p50 = percentile(samples, 50);
      const p99 = percentile(samples, 99);
      entry[label] = { decisionsPerSecond: perSecond, p50Micros: p50, p99Micros: p99, callsPerRun: calls };
      rows.push({
        name: `${sc.name}: ${label}`,
        'decisions/s': Math.round(perSecond.median),
        spread: Number(perSecond.spread.toFixed(2)),
        'p50 µs': Number(p50.toFixed(1)),
        'p99 µs': Number(p99.toFixed(1)),
      });
    }
    figures[sc.name] = entry;
  }
  printTable(
    `guard-decision (${Object.keys(staticPolicies).length} policies, n=${n}, repeat=${repeat})`,
    rows,
  );
  const file = writeResults('guard-decision', {
    policies: Object.keys(staticPolicies).length,
    loadAverage: { before: loadBefore, after: loadavg() },
    n,
    repeat,
    scenarios: figures,
  });
  console.log(`\nwrote ${file}`);
}
