/**
 * The audit log over HTTP: witnessed checkpoints, the keys to verify them with (the log's and the
 * witnesses', with the quorum), proofs, and entries for auditors.
 */
import { z } from 'zod';
import type { AuditLog } from '../audit/audit-log.ts';
import type { CheckpointPublisher } from '../audit/checkpoint-publisher.ts';
import { type RouteDef, route } from './route-table.ts';

const Proof = z
  .object({ index: z.number().int(), size: z.number().int(), proof: z.array(z.string()) })
  .strict();
const InclusionQuery = z
  .object({ index: z.coerce.number().int().min(0), size: z.coerce.number().int().min(1) })
  .strict();
const ConsistencyQuery = z
  .object({ from: z.coerce.number().int().min(0), to: z.coerce.number().int().min(0) })
  .strict();
const EntriesQuery = z
  .object({
    from: z.coerce.number().int().min(0).optional(),
    limit: z.coerce.number().int().min(1).max(10_000).optional(),
  })
  .strict();
const Entry = z.object({ idx: z.number().int(), text: z.string() }).strict();

const KeyResponse = z
  .object({
    verifierKey: z.string(),
    /** The witnesses whose cosignatures count, and how many a checkpoint needs. */
    witnesses: z.array(z.object({ name: z.string(), verifierKey: z.string() }).strict()),
    quorum: z.number().int(),
  })
  .strict();

export function auditRoutes(s: {
  audit: AuditLog;
  verifierKey: string;
  checkpoints: CheckpointPublisher;
}): RouteDef[] {
  const { audit, verifierKey, checkpoints } = s;
  return [
    route({
      method: 'GET',
      url: '/v1/audit/checkpoint',
      summary:
        'The latest witnessed checkpoint of the audit log: C2SP tlog-checkpoint signed by the log (Ed25519) with a quorum of witness cosignatures (C2SP tlog-cosignature). It may lag the entries.',
      auth: 'none',
      response: z.string(),
      contentType: 'text/plain; charset=utf-8',
      handler: async () => {
        // Publishes what was appended since (the self-check runs first); a tampered log refuses.
        const fresh = await checkpoints.publish();
        const latest = fresh ?? checkpoints.latest;
        if (!latest)
          return {
            ok: false,
            code: 'AUDIT_UNAVAILABLE',
            message: 'no checkpoint has a quorum of witness cosignatures yet',
          };
        return { ok: true, value: latest.note };
      },
    }),
    route({
      method: 'GET',
      url: '/v1/audit/key',
      summary:
        "The audit log's note verifier key (name+keyid+key), the witnesses' cosigner keys and the quorum, to pin for offline verification.",
      auth: 'none',
      response: KeyResponse,
      handler: async () => ({ ok: true, value: { verifierKey, ...checkpoints.policy } }),
    }),
    route({
      method: 'GET',
      url: '/v1/audit/proof/inclusion',
      summary: 'An RFC 9162 inclusion proof for entry `index` in the tree of `size` entries (hashes only).',
      auth: 'token',
      action: 'audit.proof',
      resource: () => ({ type: 'program' }),
      query: InclusionQuery,
      response: Proof,
      handler: async (ctx) => {
        const q = ctx.query as z.infer<typeof InclusionQuery>;
        const size = await audit.size();
        if (q.index >= q.size || q.size > size)
          return { ok: false, code: 'NOT_FOUND', message: 'no such entry or tree size' };
        return { ok: true, value: await audit.inclusionProof(q.index, q.size) };
      },
    }),
    route({
      method: 'GET',
      url: '/v1/audit/proof/consistency',
      summary: 'An RFC 9162 consistency proof between two tree sizes (hashes only).',
      auth: 'token',
      action: 'audit.proof',
      resource: () => ({ type: 'program' }),
      query: ConsistencyQuery,
      response: z
        .object({ from: z.number().int(), to: z.number().int(), proof: z.array(z.string()) })
        .strict(),
      handler: async (ctx) => {
        const q = ctx.query as z.infer<typeof ConsistencyQuery>;
        if (q.from > q.to || q.to > (await audit.size()))
          return { ok: false, code: 'NOT_FOUND', message: 'no such tree sizes' };
        return {
          ok: true,
          value: { from: q.from, to: q.to, proof: await audit.consistencyProof(q.from, q.to) },
        };
      },
    }),
    route({
      method: 'GET',
      url: '/v1/audit/entries',
      summary:
        'Audit entries in order, as the exact bytes hashed into the tree (for auditors and `steno audit verify`).',
      auth: 'token',
      action: 'audit.read',
      resource: () => ({ type: 'program' }),
      query: EntriesQuery,
      response: z.object({ entries: z.array(Entry) }).strict(),
      handler: async (ctx) => {
        const q = ctx.query as z.infer<typeof EntriesQuery>;
        const entries = await audit.list(q.from ?? 0, q.limit ?? 1_000);
        return { ok: true, value: { entries: entries.map((e) => ({ idx: e.idx, text: e.text })) } };
      },
    }),
  ];
}
