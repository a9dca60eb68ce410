/**
 * Server configuration: read once from the environment (and CLI flags), validated by a strict
 * schema, frozen, and passed down. Secrets come from the environment or files, never the repo.
 */
import { resolve } from 'node:path';
import { z } from 'zod';
import { parseWitnessList } from './audit/checkpoint-publisher.ts';
import { StenoError } from './errors.ts';

export const ConfigSchema = z
  .object({
    dataDir: z.string().min(1),
    host: z.string().min(1),
    port: z.number().int().min(0).max(65_535),
    pgUrl: z.string().url().optional(),
    /** NATS with JetStream: ingest publishes batches there, writer workers store them (production mode). */
    natsUrl: z.string().url().optional(),
    /** JetStream stream replicas (3 in a production cluster). */
    natsReplicas: z.number().int().min(1).max(5),
    /** What this process does with a queue: `ingest` (HTTP, publishes), `writer` (stores), or `all`. */
    role: z.enum(['all', 'ingest', 'writer']),
    /**
     * PostgreSQL: the role the application works as after migrations (owns nothing; row-level
     * security applies to it). Set to the URL's own user if that user is already such a role.
     */
    pgAppRole: z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/),
    /** Base64 of 32 bytes; otherwise the KEK file is used (created on first start in embedded mode). */
    kek: z.string().optional(),
    kekFile: z.string().optional(),
    /** The server's lease key and audit HMAC secret; default <dataDir>/server-keys.json. */
    serverKeysFile: z.string().optional(),
    /**
     * The audit checkpoint key, apart from the database and the other keys: base64 of a 32-byte
     * Ed25519 seed, or a 0600 file (default <dataDir>/audit-signing.key, created on first start).
     */
    auditKey: z.string().optional(),
    auditKeyFile: z.string().optional(),
    /** The audit self-check: re-hash new entries this often, and every entry this often (ms). */
    auditCheckTailMs: z.number().int().min(100),
    auditCheckFullMs: z.number().int().min(1_000),
    /**
     * Witnesses that cosign the audit log's checkpoints (C2SP tlog-witness); a checkpoint counts
     * as published with `witnessQuorum` cosignatures. Without any, the embedded default runs one
     * witness beside the server (own folder `witnessDir`, own key) unless `embeddedWitness` is off.
     */
    witnesses: z.array(z.object({ url: z.string().url(), verifierKey: z.string().min(1) }).strict()),
    witnessQuorum: z.number().int().min(1).optional(),
    embeddedWitness: z.boolean(),
    witnessDir: z.string().optional(),
    witnessName: z.string().regex(/^[A-Za-z0-9._/-]{1,128}$/),
    /** How often new audit entries are signed and sent to the witnesses (ms). */
    checkpointIntervalMs: z.number().int().min(50),
    /** The audit log's origin line and checkpoint key name. */
    auditOrigin: z.string().regex(/^[A-Za-z0-9._/-]{1,128}$/),
    logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
    enrolTokenTtlMs: z.number().int().positive(),
    personalTokenTtlMs: z.number().int().positive(),
    /** Lifetime of a capture lease: a device that hears nothing stops capturing after it. */
    leaseTtlMs: z
      .number()
      .int()
      .min(10_000)
      .max(24 * 3_600_000),
    /** How long raw events are kept (default 30 days); expired ciphertext is deleted and month keys destroyed. */
    retentionMs: z.number().int().min(3_600_000),
    /**
     * The origin people reach Steno at (cookies, the OIDC redirect URI, the Origin check); default
     * http://<host>:<port>. Over https the session cookie gets the __Host- prefix and Secure.
     */
    publicOrigin: z.string().url().optional(),
    /** Incidents at this severity or worse (SEV0 is the worst) pause the program automatically. */
    incidentAutoPauseSeverity: z.number().int().min(0).max(5),
    /** OpenID Connect: with an issuer set, people sign in only through it (local accounts off). */
    oidcIssuer: z.string().url().optional(),
    oidcClientId: z.string().min(1).optional(),
    oidcClientSecret: z.string().min(1).optional(),
  })
  .strict();
export type Config = Readonly<z.infer<typeof ConfigSchema>>;

export const DEFAULTS = {
  dataDir: './.steno',
  host: '127.0.0.1',
  port: 8470,
  logLevel: 'info',
  auditOrigin: 'steno.local/audit',
  auditCheckTailMs: 5_000,
  witnesses: [],
  embeddedWitness: true,
  witnessName: 'steno.local/witness',
  checkpointIntervalMs: 1_000,
  auditCheckFullMs: 3_600_000,
  enrolTokenTtlMs: 24 * 3_600_000,
  personalTokenTtlMs: 30 * 24 * 3_600_000,
  leaseTtlMs: 10 * 60_000,
  retentionMs: 30 * 24 * 3_600_000,
  incidentAutoPauseSeverity: 1,
  pgAppRole: 'steno_app',
  natsReplicas: 1,
  role: 'all',
} as const;

/** Builds the frozen configuration from overrides (CLI flags) over the environment over defaults. */
export function loadConfig(
  overrides: Partial<Record<keyof Config, unknown>> = {},
  env = process.env,
): Config {
  const fromEnv = {
    dataDir: env.STENO_DATA_DIR,
    host: env.STENO_HOST,
    port: env.STENO_PORT === undefined ? undefined : Number(env.STENO_PORT),
    pgUrl: env.STENO_PG_URL || undefined,
    pgAppRole: env.STENO_PG_APP_ROLE || undefined,
    natsUrl: env.STENO_NATS_URL || undefined,
    natsReplicas: env.STENO_NATS_REPLICAS === undefined ? undefined : Number(env.STENO_NATS_REPLICAS),
    role: env.STENO_ROLE || undefined,
    kek: env.STENO_KEK || undefined,
    kekFile: env.STENO_KEK_FILE || undefined,
    serverKeysFile: env.STENO_SERVER_KEYS_FILE || undefined,
    auditKey: env.STENO_AUDIT_KEY || undefined,
    witnesses: env.STENO_WITNESSES ? parseWitnessList(env.STENO_WITNESSES) : undefined,
    witnessQuorum: env.STENO_WITNESS_QUORUM === undefined ? undefined : Number(env.STENO_WITNESS_QUORUM),
    embeddedWitness:
      env.STENO_EMBEDDED_WITNESS === undefined ? undefined : env.STENO_EMBEDDED_WITNESS !== '0',
    witnessDir: env.STENO_WITNESS_DIR || undefined,
    auditKeyFile: env.STENO_AUDIT_KEY_FILE || undefined,
    auditOrigin: env.STENO_AUDIT_ORIGIN || undefined,
    auditCheckFullMs:
      env.STENO_AUDIT_FULL_CHECK_MINUTES === undefined
        ? undefined
        : Number(env.STENO_AUDIT_FULL_CHECK_MINUTES) * 60_000,
    logLevel: env.STENO_LOG_LEVEL,
    publicOrigin: env.STENO_PUBLIC_ORIGIN || undefined,
    incidentAutoPauseSeverity:
      env.STENO_INCIDENT_AUTOPAUSE_SEVERITY === undefined
        ? undefined
        : Number(env.STENO_INCIDENT_AUTOPAUSE_SEVERITY),
    oidcIssuer: env.STENO_OIDC_ISSUER || undefined,
    oidcClientId: env.STENO_OIDC_CLIENT_ID || undefined,
    oidcClientSecret: env.STENO_OIDC_CLIENT_SECRET || undefined,
    retentionMs:
      env.STENO_RETENTION_DAYS === undefined ? undefined : Number(env.STENO_RETENTION_DAYS) * 24 * 3_600_000,
  };
  const merged: Record<string, unknown> = { ...DEFAULTS };
  for (const [k, v] of [...Object.entries(fromEnv), ...Object.entries(overrides)])
    if (v !== undefined) merged[k] = v;
  const parsed = ConfigSchema.safeParse(merged);
  if (!parsed.success) {
    const where = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new StenoError('CONFIG_INVALID', `invalid configuration (${where})`);
  }
  if (parsed.data.natsUrl && !parsed.data.pgUrl)
    throw new StenoError(
      'CONFIG_INVALID',
      'invalid configuration (natsUrl: production mode needs PostgreSQL, set pgUrl)',
    );
  if (parsed.data.oidcIssuer && !parsed.data.oidcClientId)
    throw new StenoError('CONFIG_INVALID', 'invalid configuration (oidcClientId: required with oidcIssuer)');
  return Object.freeze({ ...parsed.data, dataDir: resolve(parsed.data.dataDir) });
}
