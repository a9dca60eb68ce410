/**
 * The server's entry: the only place where its parts are wired together. Opens the store
 * (PGlite in the data folder, or PostgreSQL), runs migrations, loads the KEK and the key store,
 * and builds the HTTP app over the ingest path and the guard.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  FileWitnessState,
  loadOrCreateWitnessKey,
  parseVerifierKey,
  type RemoteNoteSigner,
  type RunningWitness,
  startWitnessServer,
  verifierKeyString,
  Witness,
} from '@steno/tlog';
import type { FastifyInstance } from 'fastify';
import { SqlAuditLog } from './audit/audit-log.ts';
import { AuditSelfCheck, type TamperFinding } from './audit/audit-self-check.ts';
import { loadAuditSigner } from './audit/audit-signing-key.ts';
import { CheckpointPublisher, type WitnessEndpoint } from './audit/checkpoint-publisher.ts';
import { SecurityLog } from './audit/security-log.ts';
import { checkApiToken, issueApiToken } from './auth/api-tokens.ts';
import { countPeople } from './auth/identity-stores.ts';
import { createPeople, type People } from './auth/people.ts';
import type { Config } from './config.ts';
import { kekFromBase64, loadOrCreateKekFile } from './crypto/kek.ts';
import { FileKeyStore, type KeyStore } from './crypto/key-store.ts';
import {
  loadOrCreateServerKeys,
  rawPublicKeyB64,
  type ServerKeys,
  takeLegacyAuditKey,
} from './crypto/server-keys.ts';
import { StenoError } from './errors.ts';
import { type AccessPolicy, CedarPolicy } from './guard/access-policy.ts';
import { Guard } from './guard/guard.ts';
import { apiRoutes } from './http/api-routes.ts';
import { buildApp } from './http/app.ts';
import { auditRoutes } from './http/audit-routes.ts';
import { authRoutes } from './http/auth-routes.ts';
import { breakglassRoutes } from './http/breakglass-routes.ts';
import { consentRoutes } from './http/consent-routes.ts';
import { datasetRoutes } from './http/dataset-routes.ts';
import { incidentRoutes } from './http/incident-routes.ts';
import { opsRoutes } from './http/ops-routes.ts';
import { killSwitchRoutes, programRoutes } from './http/program-routes.ts';
import { reviewRoutes } from './http/review-routes.ts';
import type { RouteDef } from './http/route-table.ts';
import { BatchIngest } from './ingest/batch-ingest.ts';
import type { EnrolmentDeps } from './ingest/device-enrolment.ts';
import {
  type BatchQueueLike,
  QueuedIngest,
  startBatchWriter,
  WRITER_DURABLE,
} from './ingest/queued-ingest.ts';
import { StenoMetrics } from './ops/metrics.ts';
import { consentState, subjectsWithConsent } from './program/consent.ts';
import { Shredder } from './program/crypto-shredding.ts';
import { DatasetBuilds } from './program/dataset-builds.ts';
import { DeviceStreams } from './program/device-streams.ts';
import { addTimeline, insertIncident, newIncidentId } from './program/incidents.ts';
import { KillSwitch } from './program/kill-switch.ts';
import { LeaseIssuer } from './program/lease-issuer.ts';
import { migrate } from './store/migrate.ts';
import { openPostgres } from './store/pg-client.ts';
import { openPglite } from './store/pglite-client.ts';
import { readTemplate } from './store/pglite-template.ts';
import type { SqlClient } from './store/sql-client.ts';

export interface StenoServer {
  readonly config: Config;
  readonly app: FastifyInstance;
  /** The store as the application uses it (PostgreSQL: the application role). */
  readonly db: SqlClient;
  /** The store as its owner (migrations, maintenance, tests); the same client on the embedded store. */
  readonly ownerDb: SqlClient;
  readonly keys: KeyStore;
  readonly enrolment: EnrolmentDeps;
  readonly serverKeys: ServerKeys;
  readonly audit: SqlAuditLog;
  /** What signs the audit log's checkpoints (its own key file, STENO_AUDIT_KEY, or a KMS). */
  readonly auditSigner: RemoteNoteSigner;
  /** The audit log's self-check (re-hashes entries against the tree and witnessed checkpoints). */
  readonly auditCheck: AuditSelfCheck;
  /** Signs checkpoints of what the self-check verified and has witnesses cosign them. */
  readonly checkpoints: CheckpointPublisher;
  /** The embedded default's own witness (own folder, own key), when no witnesses are configured. */
  readonly embeddedWitness: RunningWitness | undefined;
  /** The audit log's note verifier key string. */
  readonly auditVerifierKey: string;
  /** The route table the HTTP app was built from (the access matrix is generated from it). */
  readonly routes: RouteDef[];
  readonly policy: AccessPolicy;
  /** The one guarded path to event data (authorise → audit → decrypt). */
  readonly guard: Guard;
  /** Connected agents' push streams. */
  readonly streams: DeviceStreams;
  /** Browser sign-in: identity mode, sessions, invitations. */
  readonly people: People;
  readonly metrics: StenoMetrics;
  /** Dataset builds (background; `idle()` waits for them). */
  readonly datasets: DatasetBuilds;
  /** Listens on the configured host and port; returns the base URL. */
  listen(): Promise<string>;
  close(): Promise<void>;
}

export interface ServerOptions {
  /** For tests: a ready store instead of opening one from the config. */
  db?: SqlClient;
  now?: () => number;
  policy?: AccessPolicy;
  logStream?: NodeJS.WritableStream;
  /** For tests: a ready queue instead of connecting to `config.natsUrl` (not closed by close()). */
  queue?: BatchQueueLike;
  /**
   * The audit checkpoint signer when its key lives in a KMS or HSM (the seam): named after the
   * audit origin, it signs and never exports. Without it, the key file or STENO_AUDIT_KEY is used.
   */
  auditSigner?: RemoteNoteSigner;
}

export async function openStore(config: Config): Promise<SqlClient> {
  if (config.pgUrl) return openPostgres(config.pgUrl);
  const dir = join(config.dataDir, 'db');
  const fresh = !existsSync(join(dir, 'PG_VERSION'));
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  // A new store starts from the migrated template when `npm install` built one.
  const template = fresh ? readTemplate() : undefined;
  return openPglite(dir, template ? { loadDataDir: template } : undefined);
}

async function openQueue(config: Config): Promise<BatchQueueLike> {
  const { connectQueue } = await import('@steno/queue');
  return connectQueue({
    servers: config.natsUrl as string,
    replicas: config.natsReplicas,
    name: `steno-${config.role}`,
  });
}

export async function createStenoServer(config: Config, options: ServerOptions = {}): Promise<StenoServer> {
  const now = options.now ?? Date.now;
  mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  const kek = config.kek
    ? kekFromBase64(config.kek)
    : loadOrCreateKekFile(config.kekFile ?? join(config.dataDir, 'kek.key'), { create: !config.kekFile });
  const keys = new FileKeyStore(join(config.dataDir, 'keys'), kek);
  const ownerDb = options.db ?? (await openStore(config));
  await migrate(ownerDb);
  // On PostgreSQL the application works as a role that owns nothing, under row-level security.
  const db = ownerDb.kind === 'postgres' && ownerDb.asRole ? await ownerDb.asRole(config.pgAppRole) : ownerDb;
  const serverKeysFile = config.serverKeysFile ?? join(config.dataDir, 'server-keys.json');
  // The checkpoint key apart from the database and the other keys (a file, the environment, or a
  // KMS signer passed in); older versions kept it in server-keys.json, from where it moves once.
  const auditSigner =
    options.auditSigner ??
    loadAuditSigner({
      origin: config.auditOrigin,
      key: config.auditKey,
      keyFile: config.auditKeyFile,
      defaultFile: join(config.dataDir, 'audit-signing.key'),
      legacy: () => takeLegacyAuditKey(serverKeysFile),
    });
  const serverKeys = loadOrCreateServerKeys(serverKeysFile);
  const auditVerifierKey = verifierKeyString(config.auditOrigin, auditSigner.publicKey);
  const audit = new SqlAuditLog(db, auditSigner, config.auditOrigin, serverKeys.auditHmac);
  // The self-check: on start over every entry, then in the background. A finding refuses reads
  // (AUDIT_TAMPERED) and opens an incident, once.
  let tamperLog: (f: TamperFinding) => void = () => {};
  const auditCheck = new AuditSelfCheck({
    db,
    now,
    onTampered: async (f) => {
      tamperLog(f);
      await openTamperIncident(db, f, now()).catch(() => undefined);
    },
  });
  audit.integrity = auditCheck;
  // Witnesses: those configured, or one beside the server in its own folder with its own key.
  let embeddedWitness: RunningWitness | undefined;
  let witnesses: readonly WitnessEndpoint[] = config.witnesses;
  if (witnesses.length === 0 && config.embeddedWitness) {
    const logKey = parseVerifierKey(auditVerifierKey);
    if (!logKey.ok) throw new StenoError('CONFIG_INVALID', 'the audit verifier key does not parse');
    const dir = config.witnessDir ?? join(config.dataDir, 'witness');
    const witness = new Witness({
      signer: loadOrCreateWitnessKey(dir, config.witnessName),
      logs: [{ origin: config.auditOrigin, verifiers: [logKey.verifier] }],
      state: new FileWitnessState(dir),
    });
    embeddedWitness = await startWitnessServer(witness);
    witnesses = [{ url: embeddedWitness.url, verifierKey: witness.verifierKey }];
  }
  const checkpoints = new CheckpointPublisher({
    audit,
    check: auditCheck,
    logVerifierKey: auditVerifierKey,
    witnesses,
    quorum: config.witnessQuorum ?? Math.floor(witnesses.length / 2) + 1,
    stateFile: join(config.dataDir, 'audit-checkpoint.txt'),
    now,
    onWitnessError: (url, err) =>
      app.log.warn(
        { code: 'WITNESS_UNAVAILABLE', witness: url, errName: (err as Error).name },
        'witness failed',
      ),
  });
  // On start: every entry against the last published checkpoint, then a first publication.
  await auditCheck.check('full');
  if (!auditCheck.finding) await checkpoints.publish().catch(() => undefined);
  auditCheck.start(config.auditCheckTailMs, config.auditCheckFullMs, (err) =>
    app.log.error({ code: 'AUDIT_CHECK_FAILED', errName: (err as Error).name }, 'audit self-check failed'),
  );
  checkpoints.start(config.checkpointIntervalMs);
  const killSwitch = new KillSwitch(db);
  await killSwitch.refresh();
  // Cedar policies, validated in strict mode and pre-parsed once, here at start.
  const policy = options.policy ?? new CedarPolicy({ programPaused: () => killSwitch.pausedNow, now });
  const shredder = new Shredder(db, keys);
  const leases = new LeaseIssuer({
    db,
    signingKey: serverKeys.lease.privateKey,
    ttlMs: config.leaseTtlMs,
    now,
    // Capture needs both: the program running here, and the contributor's consent to the current notice.
    pausedReason: async (device) =>
      (await killSwitch.pausedReason(device)) ??
      ((await consentState(db, device.subjectId)).current ? undefined : 'consent_required'),
    pausedSnapshot: async () => {
      const paused = await killSwitch.snapshot();
      const consenting = await subjectsWithConsent(db);
      return (device) =>
        paused(device) ?? (consenting.has(device.subjectId) ? undefined : 'consent_required');
    },
  });
  const streams = new DeviceStreams(
    (device) => leases.issue(device),
    (devices, size) => leases.issueMany(devices, size),
    { signingKey: serverKeys.lease.privateKey, now },
  );
  const enrolment: EnrolmentDeps = {
    db,
    leaseKey: rawPublicKeyB64(serverKeys.lease.publicKey),
    now,
    enrolTokenTtlMs: config.enrolTokenTtlMs,
    personalTokenTtlMs: config.personalTokenTtlMs,
  };
  const people = createPeople(db, {
    publicOrigin:
      config.publicOrigin ??
      `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${config.port}`,
    ...(config.oidcIssuer && config.oidcClientId
      ? {
          oidc: {
            issuer: config.oidcIssuer,
            clientId: config.oidcClientId,
            ...(config.oidcClientSecret ? { clientSecret: config.oidcClientSecret } : {}),
          },
        }
      : {}),
    now,
  });
  const metrics = new StenoMetrics();
  audit.onAppend = (s) => metrics.auditAppendSeconds.observe(s);
  const guard = new Guard({
    db,
    keys,
    audit,
    policy,
    now,
    // PostgreSQL may be shared by several processes: ask the store before every read. The embedded
    // store has one process, whose kill switch state is authoritative.
    paused: db.kind === 'postgres' ? () => killSwitch.refresh() : async () => killSwitch.pausedNow,
    onDecision: (action, allow) => metrics.decisions.inc({ action, outcome: allow ? 'allow' : 'deny' }),
  });
  const datasets = new DatasetBuilds({ db, guard, kek, now });
  // Production mode: ingest publishes sealed batches to JetStream; writer workers store them.
  const queue = options.queue ?? (config.natsUrl ? await openQueue(config) : undefined);
  const security = new SecurityLog(audit, now);
  const batchIngest = new BatchIngest({
    db,
    keys,
    audit,
    now,
    security,
    onStage: (stage, ms) => metrics.ingestStageSeconds.observe({ stage }, ms / 1000),
  });
  const ingest = queue ? new QueuedIngest(batchIngest, queue) : batchIngest;
  let writer: { stop(): Promise<void> } | undefined;
  if (queue) {
    metrics.lagSource = () => queue.lag(WRITER_DURABLE);
    if (config.role !== 'ingest')
      writer = startBatchWriter({
        db,
        queue,
        metrics,
        log: (msg, fields) => app.log.warn(fields, msg),
        onWrite: (out) => {
          if (out.conflicts.length > 0)
            metrics.batchesRejected.inc({ code: 'BATCH_CONFLICT' }, out.conflicts.length);
        },
      });
  }
  const routes = [
    ...apiRoutes({
      db,
      ingest,
      metrics,
      guard,
      audit,
      enrolment,
      now,
    }),
    ...authRoutes({ db, people, audit, now }),
    ...auditRoutes({ audit, verifierKey: auditVerifierKey, checkpoints }),
    ...breakglassRoutes({ db, guard, now }),
    ...consentRoutes({ db, streams, guard, audit, now, datasets }),
    ...reviewRoutes({ guard }),
    ...programRoutes({ db, audit, leases, streams, now }),
    ...datasetRoutes({ builds: datasets }),
    ...opsRoutes({ db, keys, metrics, now, ...(queue ? { queueReady: () => queue.ready() } : {}) }),
    ...incidentRoutes({
      db,
      audit,
      killSwitch,
      streams,
      now,
      autoPauseSeverity: config.incidentAutoPauseSeverity,
      witnessedCheckpoint: async () => ((await checkpoints.publish()) ?? checkpoints.latest)?.note,
    }),
    ...killSwitchRoutes({
      db,
      audit,
      leases,
      streams,
      now,
      killSwitch,
      shredder,
      datasets,
      retentionMs: config.retentionMs,
    }),
  ];
  // Retention runs hourly in every server process; it is idempotent.
  const retentionTimer = setInterval(() => {
    shredder.applyRetention(config.retentionMs, now()).catch((err: unknown) => {
      app.log.error({ code: 'RETENTION_FAILED', errName: (err as Error).name }, 'retention failed');
    });
  }, 3_600_000);
  retentionTimer.unref();
  const app = buildApp({
    routes,
    db,
    policy,
    audit,
    security,
    now,
    people,
    metrics,
    logLevel: config.logLevel,
    logStream: options.logStream,
  });
  tamperLog = (f) =>
    app.log.error({ code: 'AUDIT_TAMPERED', firstBadIndex: f.firstBadIndex }, 'audit log tampered');
  if (auditCheck.finding) tamperLog(auditCheck.finding);
  app.addHook('onClose', async () => {
    auditCheck.stop();
    checkpoints.stop();
    await embeddedWitness?.close();
  });
  return {
    config,
    app,
    db,
    ownerDb,
    keys,
    enrolment,
    serverKeys,
    audit,
    auditSigner,
    auditCheck,
    checkpoints,
    embeddedWitness,
    auditVerifierKey,
    async listen() {
      return app.listen({ host: config.host, port: config.port });
    },
    streams,
    people,
    datasets,
    metrics,
    routes,
    policy,
    guard,
    async close() {
      clearInterval(retentionTimer);
      auditCheck.stop();
      checkpoints.stop();
      streams.close();
      await leases.close();
      await writer?.stop();
      await datasets.idle();
      await app.close();
      if (!options.queue) await queue?.close();
      await db.close();
      if (ownerDb !== db) await ownerDb.close();
    },
  };
}

/** The incident a failed audit self-check opens (no audit entry: the log is what failed). */
async function openTamperIncident(db: SqlClient, f: TamperFinding, now: number): Promise<void> {
  const id = newIncidentId();
  await db.transaction(async (tx) => {
    await insertIncident(tx, {
      id,
      severity: 2,
      category: 'unauthorised_access',
      title: `Audit log tampering detected at entry ${f.firstBadIndex}`,
      status: 'open',
      personalDataBreach: false,
      openedBy: 'steno:audit-self-check',
      openedAt: now,
      notifyBy: null,
      regulatorNotifiedAt: null,
      regulatorReference: null,
      autoPaused: false,
      closedAt: null,
    });
    await addTimeline(tx, id, { at: now, actor: 'steno', kind: 'opened', note: f.reason });
  });
}

/**
 * The operator's bootstrap credential for the CLI: an operator token in a 0600 file in the data
 * folder, issued on first start (and again if it expired). Operators cannot read event data.
 */
export async function ensureOperatorToken(server: StenoServer): Promise<string> {
  return ensureBootstrapToken(server, 'operator.token', {
    principal: 'operator:bootstrap',
    role: 'operator',
    scopes: ['devices:admin', 'audit:read', 'program:read'],
  });
}

/**
 * The embedded default's bootstrap privacy officer (scope and program changes; never raw data),
 * until people sign in with their own accounts.
 */
export async function ensurePrivacyOfficerToken(server: StenoServer): Promise<string> {
  return ensureBootstrapToken(server, 'privacy-officer.token', {
    principal: 'privacy_officer:bootstrap',
    role: 'privacy_officer',
    scopes: ['program:admin', 'program:read', 'audit:read', 'incidents'],
  });
}

async function ensureBootstrapToken(
  server: StenoServer,
  name: string,
  spec: { principal: string; role: 'operator' | 'privacy_officer'; scopes: string[] },
): Promise<string> {
  const file = join(server.config.dataDir, name);
  if (existsSync(file)) {
    const token = readFileSync(file, 'utf8').trim();
    const check = await checkApiToken(server.db, token, Date.now());
    // Still valid, and holding every scope this version gives it (else issue a new one).
    if (check.ok && spec.scopes.every((sc) => check.principal.scopes.includes(sc))) return file;
  }
  const issued = await issueApiToken(server.db, { ...spec, ttlMs: 365 * 24 * 3_600_000 }, Date.now());
  writeFileSync(file, `${issued.token}\n`, { mode: 0o600 });
  return file;
}

/**
 * First run of the embedded default (local accounts, nobody signed up yet): an invitation for the
 * first privacy officer, whose link the operator opens to set a password. Returns undefined when
 * people exist or sign-in goes through an identity provider.
 */
export async function ensureFirstInvitation(
  server: StenoServer,
  invite: { email: string; role: 'privacy_officer' | 'contributor'; subject?: string },
): Promise<{ link: string; expiresAt: number } | undefined> {
  if (server.people.mode !== 'local') return undefined;
  const existing = await server.db.query('SELECT 1 FROM people WHERE email = $1 OR role = $2 LIMIT 1', [
    invite.email,
    invite.role === 'privacy_officer' ? 'privacy_officer' : '-',
  ]);
  if (existing.length > 0 || (invite.role === 'privacy_officer' && (await countPeople(server.db)) > 0))
    return undefined;
  if (invite.subject)
    await server.db.query(
      'INSERT INTO subjects (id, created_at) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING',
      [invite.subject, Date.now()],
    );
  const out = await server.people.local.createInvitation(invite);
  if (!out.ok) return undefined;
  return {
    link: `${server.people.publicOrigin}/#/invite/${out.value.token}`,
    expiresAt: out.value.expiresAt,
  };
}
