/**
 * The Chromium native messaging host: the browser extension's only way to the agent. Chromium
 * starts it (one process per extension connection) with stdin/stdout pipes and the caller's origin
 * as an argument, and only for extensions its manifest lists in `allowed_origins`. It relays:
 * extension events → `POST /browser/events`, the agent's capture state and site rules (long-polled
 * from `GET /browser/state`) → the extension, and the popup's pause / resume → `POST /pause|/resume`.
 * It talks to the control server on 127.0.0.1 with the per-install secret from the data directory
 * (0600), so the extension itself holds no secret and no credential. Messages are framed as
 * Chromium specifies: a 32-bit native-endian length, then UTF-8 JSON. Nothing is logged but codes.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { CONTROL_FILE, CONTROL_SECRET_FILE } from '../control-server.ts';
import type { LogFn } from '../log.ts';
import { BrowserPost, type BrowserState } from './browser-wire.ts';

/** The host's registered name (the extension calls `chrome.runtime.connectNative` with it). */
export const NATIVE_HOST_NAME = 'com.steno.agent';
/** Chromium refuses host → extension messages over 1 MiB; ours are far smaller. */
const MAX_MESSAGE_BYTES = 4 * 1_048_576;

const FromExtension = z.discriminatedUnion('type', [
  z.object({ type: z.literal('events'), post: BrowserPost }).strict(),
  z
    .object({
      type: z.literal('pause'),
      forMs: z
        .number()
        .int()
        .min(1)
        .max(7 * 24 * 3_600_000)
        .optional(),
    })
    .strict(),
  z.object({ type: z.literal('resume') }).strict(),
]);

export type HostMessage =
  | { type: 'state'; state: BrowserState | { v: 1; key: 'no_agent'; capture: 'no_agent'; sites: [] } }
  | { type: 'receipt'; accepted: number; dropped: number }
  | { type: 'error'; code: string };

export interface NativeHostOptions {
  dataDir: string;
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  /** The origin Chromium passed (chrome-extension://ID/); refused unless in `allowedOrigins`. */
  callerOrigin: string | undefined;
  /** Extension origins this host serves; Chromium checks its manifest too (defence in depth). */
  allowedOrigins: readonly string[];
  log: LogFn;
  /** Wait before retrying an unreachable agent (default 1 s). */
  retryMs?: number | undefined;
}

/** Runs until the extension disconnects (stdin ends). */
export async function runNativeHost(options: NativeHostOptions): Promise<void> {
  const { log } = options;
  const send = (message: HostMessage): void => {
    const body = Buffer.from(JSON.stringify(message), 'utf8');
    const head = Buffer.alloc(4);
    head.writeUInt32LE(body.length, 0);
    options.output.write(Buffer.concat([head, body]));
  };
  if (!options.callerOrigin || !options.allowedOrigins.includes(options.callerOrigin)) {
    log('warn', 'native_host_refused', { code: 'CALLER_NOT_ALLOWED' });
    send({ type: 'error', code: 'CALLER_NOT_ALLOWED' });
    return;
  }
  const abort = new AbortController();
  const agent = agentClient(options.dataDir, abort.signal);
  let chain: Promise<void> = Promise.resolve();
  const handle = (raw: unknown): void => {
    const parsed = FromExtension.safeParse(raw);
    if (!parsed.success) {
      send({ type: 'error', code: 'SCHEMA_INVALID' });
      return;
    }
    const message = parsed.data;
    // One request at a time, in order: events must reach the agent in the order they happened.
    chain = chain.then(async () => {
      try {
        if (message.type === 'events') {
          const receipt = (await agent.post('/browser/events', message.post)) as {
            accepted: number;
            dropped: number;
          };
          send({ type: 'receipt', accepted: receipt.accepted, dropped: receipt.dropped });
        } else {
          await agent.post(
            message.type === 'pause' ? '/pause' : '/resume',
            message.type === 'pause' && message.forMs ? { forMs: message.forMs } : {},
          );
          send({ type: 'state', state: (await agent.get('/browser/state?known=')) as BrowserState });
        }
      } catch (err) {
        const code = err instanceof HostError ? err.code : 'AGENT_UNREACHABLE';
        log('warn', 'native_host_request_failed', { code });
        send({ type: 'error', code });
      }
    });
  };

  const states = watchState(agent, options.retryMs ?? 1_000, send, abort.signal);
  try {
    await readFrames(options.input, handle);
  } finally {
    abort.abort();
    await chain;
    await states;
  }
}

class HostError extends Error {
  constructor(readonly code: string) {
    super(code);
  }
}

interface AgentClient {
  get(path: string): Promise<unknown>;
  post(path: string, body: unknown): Promise<unknown>;
}

/** Reads the port and the secret afresh for every request: the agent may have restarted. */
function agentClient(dataDir: string, signal: AbortSignal): AgentClient {
  const request = async (method: string, path: string, body?: unknown): Promise<unknown> => {
    let port: number;
    let secret: string;
    try {
      port = (JSON.parse(await readFile(join(dataDir, CONTROL_FILE), 'utf8')) as { port: number }).port;
      secret = (await readFile(join(dataDir, CONTROL_SECRET_FILE), 'utf8')).trim();
    } catch {
      throw new HostError('AGENT_NOT_RUNNING');
    }
    const res = await fetch(`http://127.0.0.1:${port}${path}`, {
      method,
      headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal,
    });
    if (!res.ok) throw new HostError(`AGENT_HTTP_${res.status}`);
    return res.json();
  };
  return { get: (path) => request('GET', path), post: (path, body) => request('POST', path, body) };
}

/** Long-polls the agent's browser state and sends every change; "no_agent" while it is unreachable. */
async function watchState(
  agent: AgentClient,
  retryMs: number,
  send: (m: HostMessage) => void,
  signal: AbortSignal,
): Promise<void> {
  let known = '';
  while (!signal.aborted) {
    try {
      const state = (await agent.get(`/browser/state?known=${encodeURIComponent(known)}`)) as BrowserState;
      if (state.key !== known) {
        known = state.key;
        send({ type: 'state', state });
      }
    } catch {
      if (signal.aborted) return;
      if (known !== 'no_agent') {
        known = 'no_agent';
        send({ type: 'state', state: { v: 1, key: 'no_agent', capture: 'no_agent', sites: [] } });
      }
      await new Promise((r) => setTimeout(r, retryMs));
    }
  }
}

/** Reads length-prefixed JSON frames until the stream ends; a malformed frame ends the session. */
async function readFrames(input: NodeJS.ReadableStream, onMessage: (m: unknown) => void): Promise<void> {
  let buffer = Buffer.alloc(0);
  for await (const chunk of input) {
    buffer = Buffer.concat([buffer, chunk as Buffer]);
    while (buffer.length >= 4) {
      const size = buffer.readUInt32LE(0);
      if (size > MAX_MESSAGE_BYTES) return;
      if (buffer.length < 4 + size) break;
      let message: unknown;
      try {
        message = JSON.parse(buffer.subarray(4, 4 + size).toString('utf8'));
      } catch {
        return;
      }
      buffer = buffer.subarray(4 + size);
      onMessage(message);
    }
  }
}
