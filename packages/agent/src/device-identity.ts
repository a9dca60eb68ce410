/**
 * The device's identity in its data directory (default ~/.steno-agent, mode 0700): on first
 * run an Ed25519 key pair is generated and enrolled with a single-use token, and device.json
 * (0600) keeps the device id, subject, server and keys; spool.key (0600) keeps the random
 * 32-byte key that encrypts the spool. Later runs reuse both and need no token.
 */

import type { KeyObject } from 'node:crypto';
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { homedir, hostname } from 'node:os';
import { join } from 'node:path';
import {
  Base64Url,
  DeviceId,
  type EnrolRequest,
  EnrolResponse,
  generateEd25519,
  importPrivateKey,
  SubjectId,
  signCanonical,
} from '@steno/protocol';
import { z } from 'zod';
import { AgentError } from './agent-error.ts';
import { ensurePrivateDir, writeFileAtomic } from './atomic-file.ts';
import { type BackoffOptions, backoffDelay, DEFAULT_BACKOFF, sleep } from './backoff.ts';
import { apiUrl, postJson } from './http-client.ts';
import type { LogFn } from './log.ts';

export const DEVICE_FILE = 'device.json';
export const SPOOL_KEY_FILE = 'spool.key';

const DeviceFile = z
  .object({
    v: z.literal(1),
    deviceId: DeviceId,
    subject: SubjectId,
    server: z.string().min(1),
    name: z.string().min(1).max(100),
    publicKey: Base64Url.length(43),
    privateKey: Base64Url.min(1),
    enrolledAt: z.number().int().min(0),
    /** The server's lease-signing public key, pinned at enrolment (absent for older enrolments). */
    leaseKey: Base64Url.length(43).optional(),
  })
  .strict();
type DeviceFile = z.infer<typeof DeviceFile>;

const SpoolKeyFile = z.object({ v: z.literal(1), key: Base64Url.length(43) }).strict();

export interface DeviceIdentity {
  readonly deviceId: string;
  readonly subject: string;
  /** The server the device enrolled with. */
  readonly server: string;
  readonly publicKey: string;
  readonly privateKey: KeyObject;
  /** The server's lease-signing key pinned at enrolment (raw Ed25519, base64url), if the server sent one. */
  readonly leaseKey: string | undefined;
}

/** The enrolment answer, read with the lease key that newer servers add. */
const EnrolAnswer = EnrolResponse.extend({ leaseKey: Base64Url.length(43).optional() }).strict();

export interface IdentityOptions {
  dataDir: string;
  server: string;
  /** Needed only when the data directory holds no identity yet. */
  enrolToken?: string | undefined;
  /** Label shown to the contributor; default: the host name. */
  deviceName?: string | undefined;
  log: LogFn;
  requestTimeoutMs?: number;
  /** Enrolment retries transient failures this many times before giving up (default 4). */
  enrolRetries?: number;
  backoff?: BackoffOptions;
  signal?: AbortSignal;
}

export function defaultDataDir(): string {
  return join(homedir(), '.steno-agent');
}

/** Loads the identity from the data directory, enrolling first when there is none. */
export async function loadOrEnrolIdentity(options: IdentityOptions): Promise<DeviceIdentity> {
  await ensurePrivateDir(options.dataDir);
  const existing = await readDeviceFile(options.dataDir);
  if (existing) {
    if (options.enrolToken !== undefined) {
      options.log('info', 'identity_exists_token_unused', { deviceId: existing.deviceId });
    }
    if (existing.server !== options.server) {
      options.log('warn', 'server_differs_from_enrolment', { deviceId: existing.deviceId });
    }
    return toIdentity(existing);
  }
  if (options.enrolToken === undefined || options.enrolToken === '') {
    throw new AgentError(
      'IDENTITY_MISSING',
      `no device identity in ${options.dataDir}: enrol first by passing an enrolment token`,
    );
  }
  const file = await enrol(options, options.enrolToken);
  await writeFileAtomic(join(options.dataDir, DEVICE_FILE), `${JSON.stringify(file, null, 2)}\n`);
  options.log('info', 'device_enrolled', { deviceId: file.deviceId, subject: file.subject });
  return toIdentity(file);
}

/** Loads the spool key, creating a random one on first use. */
export async function loadOrCreateSpoolKey(dataDir: string): Promise<Uint8Array> {
  await ensurePrivateDir(dataDir);
  const path = join(dataDir, SPOOL_KEY_FILE);
  const text = await readOptional(path);
  if (text === undefined) {
    const key = randomBytes(32);
    const stored = { v: 1, key: key.toString('base64url') };
    await writeFileAtomic(path, `${JSON.stringify(stored)}\n`);
    return new Uint8Array(key);
  }
  const parsed = SpoolKeyFile.safeParse(parseJson(text));
  if (!parsed.success)
    throw new AgentError('IDENTITY_CORRUPT', `${SPOOL_KEY_FILE} is not a valid spool key file`);
  return new Uint8Array(Buffer.from(parsed.data.key, 'base64url'));
}

async function readDeviceFile(dataDir: string): Promise<DeviceFile | undefined> {
  const text = await readOptional(join(dataDir, DEVICE_FILE));
  if (text === undefined) return undefined;
  const parsed = DeviceFile.safeParse(parseJson(text));
  if (!parsed.success) {
    throw new AgentError('IDENTITY_CORRUPT', `${DEVICE_FILE} does not match its schema`, {
      cause: parsed.error,
    });
  }
  return parsed.data;
}

function toIdentity(file: DeviceFile): DeviceIdentity {
  let privateKey: KeyObject;
  try {
    privateKey = importPrivateKey(file.privateKey);
  } catch (cause) {
    throw new AgentError('IDENTITY_CORRUPT', `${DEVICE_FILE} holds an unreadable private key`, { cause });
  }
  return Object.freeze({
    deviceId: file.deviceId,
    subject: file.subject,
    server: file.server,
    publicKey: file.publicKey,
    privateKey,
    leaseKey: file.leaseKey,
  });
}

async function enrol(options: IdentityOptions, token: string): Promise<DeviceFile> {
  const keys = generateEd25519();
  const name = (options.deviceName ?? hostname()).slice(0, 100) || 'steno-device';
  const proof = signCanonical(
    'steno-enrol-v1',
    { token, publicKey: keys.publicKey, name },
    importPrivateKey(keys.privateKey),
  );
  const request: EnrolRequest = { v: 1, token, publicKey: keys.publicKey, name, proof };
  const body = JSON.stringify(request);
  const retries = options.enrolRetries ?? 4;
  const backoff = options.backoff ?? DEFAULT_BACKOFF;
  for (let attempt = 0; ; attempt++) {
    const outcome = await postJson(apiUrl(options.server, '/v1/enrol'), body, {
      timeoutMs: options.requestTimeoutMs ?? 15_000,
      ...(options.signal ? { signal: options.signal } : {}),
    });
    if (outcome.ok) {
      const response = EnrolAnswer.safeParse(outcome.body);
      if (!response.success) {
        throw new AgentError('ENROL_REFUSED', 'the server answered the enrolment with an invalid response', {
          cause: response.error,
        });
      }
      return {
        v: 1,
        deviceId: response.data.deviceId,
        subject: response.data.subject,
        server: options.server,
        name,
        publicKey: keys.publicKey,
        privateKey: keys.privateKey,
        enrolledAt: Date.now(),
        ...(response.data.leaseKey ? { leaseKey: response.data.leaseKey } : {}),
      };
    }
    const transient = outcome.kind === 'network' || outcome.status === 429 || outcome.status >= 500;
    if (!transient) {
      const serverCode = outcome.code ?? `HTTP_${outcome.status}`;
      throw new AgentError('ENROL_REFUSED', `the server refused the enrolment: ${serverCode}`, {
        serverCode,
      });
    }
    const reason = outcome.kind === 'network' ? outcome.reason : `HTTP_${outcome.status}`;
    if (attempt >= retries || options.signal?.aborted) {
      throw new AgentError('ENROL_UNREACHABLE', `could not reach the server to enrol (${reason})`);
    }
    const delayMs = backoffDelay(attempt, backoff);
    options.log('warn', 'enrol_retry', { attempt: attempt + 1, delayMs, reason });
    await sleep(delayMs, options.signal);
  }
}

async function readOptional(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    if (err instanceof Error && 'code' in err && err.code === 'ENOENT') return undefined;
    throw new AgentError('IDENTITY_CORRUPT', `cannot read ${path}`, { cause: err });
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
