/**
 * Simulated agents for bench/kill-switch, in a child process of their own (the bench runs one per
 * core): each holds one real SSE connection to the server, parses every event, and verifies every
 * program-pause notice with the server's lease key as the real agent does (`verifyProgramPause`,
 * the function `LeaseHolder` calls) before it counts as paused. Leases are parsed, not verified
 * (the anchor measures their delivery, as it always has).
 *
 *   parent → {type:'connect', id, url} | {type:'wait', id, cond} | {type:'close'}
 *   child  → {type:'connected', id} | {type:'error', id, message} | {type:'done', id, times}
 *
 * Times are absolute (performance.timeOrigin + performance.now()), comparable across processes.
 */
import { type ClientRequest, get } from 'node:http';
import { importPublicKey, type SignedLease, verifyProgramPause } from '@steno/protocol';

/** What the parent waits for (bench/kill-switch.ts). */
export type Cond =
  | { kind: 'scope'; version: number }
  | { kind: 'pause'; epochAbove: number }
  | { kind: 'notice-received'; epochAbove: number }
  | { kind: 'paused-lease' }
  | { kind: 'active' };

interface Agent {
  req?: ClientRequest;
  lease?: SignedLease['lease'];
  leaseAt: number;
  /** The epoch of the newest verified pause notice, and when it was verified. */
  epoch: number;
  epochAt: number;
  /** When the newest notice's bytes were received, before it was verified. */
  noticeAt: number;
  refused: number;
}

const leaseKey = importPublicKey(process.argv[2] ?? '');
const agents = new Map<number, Agent>();
const clock = () => performance.timeOrigin + performance.now();
const send = (m: unknown) => process.send?.(m);

function connect(id: number, url: string): void {
  const agent: Agent = { leaseAt: 0, epoch: 0, epochAt: 0, noticeAt: 0, refused: 0 };
  agents.set(id, agent);
  let told = false;
  agent.req = get(url, (res) => {
    if (res.statusCode !== 200) {
      send({ type: 'error', id, message: `stream ${res.statusCode}` });
      return;
    }
    let buf = '';
    res.setEncoding('utf8');
    res.on('data', (d: string) => {
      buf += d;
      for (let at = buf.indexOf('\n\n'); at >= 0; at = buf.indexOf('\n\n')) {
        const block = buf.slice(0, at);
        buf = buf.slice(at + 2);
        const line = block.split('\n').find((l) => l.startsWith('data: '));
        if (!line) continue;
        const receivedAt = clock();
        const data = JSON.parse(line.slice(6)) as Record<string, unknown>;
        if ('notice' in data) {
          const v = verifyProgramPause(data, leaseKey);
          if (v.ok && v.notice.epoch > agent.epoch) {
            agent.epoch = v.notice.epoch;
            agent.epochAt = clock();
            agent.noticeAt = receivedAt;
          } else agent.refused++;
          continue;
        }
        agent.lease = (data as unknown as SignedLease).lease;
        agent.leaseAt = clock();
        if (!told) {
          told = true;
          send({ type: 'connected', id });
        }
      }
    });
  });
  agent.req.on('error', (err) => send({ type: 'error', id, message: err.message }));
}

function met(a: Agent, c: Cond): number | undefined {
  switch (c.kind) {
    case 'scope':
      return a.lease?.policyVersion === c.version ? a.leaseAt : undefined;
    case 'pause':
      return a.epoch > c.epochAbove ? a.epochAt : undefined;
    case 'notice-received':
      return a.epoch > c.epochAbove ? a.noticeAt : undefined;
    case 'paused-lease':
      return a.lease?.state === 'paused' ? a.leaseAt : undefined;
    case 'active':
      return a.lease?.state === 'active' ? a.leaseAt : undefined;
  }
}

async function wait(id: number, c: Cond): Promise<void> {
  const until = Date.now() + 60_000;
  for (;;) {
    const times: number[] = [];
    for (const a of agents.values()) {
      const t = met(a, c);
      if (t === undefined) break;
      times.push(t);
    }
    if (times.length === agents.size) {
      const epochs = [...agents.values()].map((a) => a.epoch);
      send({
        type: 'done',
        id,
        times,
        epochs,
        refused: [...agents.values()].reduce((n, a) => n + a.refused, 0),
      });
      return;
    }
    if (Date.now() > until) {
      send({ type: 'error', id, message: `timed out waiting for ${c.kind}` });
      return;
    }
    await new Promise((r) => setTimeout(r, 10));
  }
}

process.on('message', (m: { type: string; id: number; url?: string; cond?: Cond }) => {
  if (m.type === 'connect' && m.url) connect(m.id, m.url);
  else if (m.type === 'wait' && m.cond) void wait(m.id, m.cond);
  else if (m.type === 'close') {
    for (const a of agents.values()) a.req?.destroy();
    process.exit(0);
  }
});
