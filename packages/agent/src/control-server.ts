/**
 * The contributor's local control surface on 127.0.0.1 (never another interface): a status page
 * (state, counts, scope, and a live preview of exactly what would leave the machine) and a small
 * control API. Every request needs the per-install secret from `control.secret` (0600 in the data
 * directory) as `Authorization: Bearer …` (or `?k=` for the page in a browser), and a Host header
 * naming the loopback port, so neither another local user nor a web page (DNS rebinding) can read
 * the preview or pause and forget. The port is written to `control.json`.
 *
 *   GET /         HTML status page          GET /status   JSON
 *   POST /pause   {"forMs"?: number}        POST /resume  {}
 *   POST /forget  {"lastMs": number}
 *   POST /task    {"phase": "start"|"name"|"end"|"abandon", "label"?: string} → {v, task}
 *                 (409 TASK_NOT_CAPTURING when paused or without a lease, TASK_NOT_OPEN)
 *   GET /frames/ACTION_ID.webp   one of the last frames, the exact bytes that will be uploaded
 *
 * For the browser extension (through the native messaging host, which reads the same secret):
 *   GET  /browser/state?known=KEY   the capture state and site rules; waits up to 20 s for a change
 *   POST /browser/events            {"v":1,"items":[{origin, event}],"blur"?} → {"v":1,accepted,dropped}
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { StenoEvent } from '@steno/protocol';
import { z } from 'zod';
import type { AgentHandle, AgentStatus } from './agent.ts';
import { AgentError } from './agent-error.ts';
import { writeFileAtomic } from './atomic-file.ts';
import type { BrowserSource } from './browser/browser-source.ts';
import type { FramePreview, FrameSummary } from './frames/frame-preview.ts';
import type { CaptureStatus, LiveSource, OpenTaskInfo } from './live-source.ts';
import type { LogFn } from './log.ts';
import type { PreviewBuffer } from './preview-buffer.ts';

export const CONTROL_FILE = 'control.json';
export const CONTROL_SECRET_FILE = 'control.secret';

export interface ControlServerOptions {
  dataDir: string;
  agent: AgentHandle;
  live: LiveSource;
  preview: PreviewBuffer;
  /** The last frames as they will leave (when frames are wired in). */
  framePreview?: FramePreview | undefined;
  log: LogFn;
  /** Browser capture: the extension's events and state go through here when given. */
  browser?: BrowserSource | undefined;
  /** Longest wait of `GET /browser/state` for a change (default 20 s). */
  browserWaitMs?: number | undefined;
  /** Port on 127.0.0.1; default 0 (a free one). */
  port?: number | undefined;
}

export interface ControlServer {
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

export interface ControlStatus {
  v: 1;
  agent: AgentStatus;
  capture: CaptureStatus;
  /** The last events exactly as they will leave the machine (frames are listed in `frames`). */
  preview: StenoEvent[];
  /** The last frames, newest first, without the image (GET /frames/ACTION_ID.webp serves it). */
  frames: FrameSummary[];
  /** Browser events kept and dropped by the agent's own gate (when browser capture is on). */
  browser?: { received: number; dropped: number } | undefined;
  /** The task the contributor marked as open (issue 17), if any. */
  task?: OpenTaskInfo | undefined;
}

/** A task marker from the contributor: a label is what they set out to do, in their words. */
const TaskBody = z
  .object({
    phase: z.enum(['start', 'name', 'end', 'abandon']),
    label: z.string().trim().min(1).max(200).optional(),
  })
  .strict()
  .refine((b) => b.label === undefined || b.phase === 'start' || b.phase === 'name', {
    message: 'only start and name take a label',
  })
  .refine((b) => b.phase !== 'name' || b.label !== undefined, { message: 'name needs a label' });

const PauseBody = z
  .object({
    forMs: z
      .number()
      .int()
      .min(1)
      .max(7 * 24 * 3_600_000)
      .optional(),
  })
  .strict();
const ForgetBody = z
  .object({
    lastMs: z
      .number()
      .int()
      .min(1)
      .max(30 * 24 * 3_600_000),
  })
  .strict();
const EmptyBody = z.object({}).strict();

/** Reads the per-install secret, creating it (0600) on first use. */
export async function loadOrCreateControlSecret(dataDir: string): Promise<string> {
  const path = join(dataDir, CONTROL_SECRET_FILE);
  try {
    const text = (await readFile(path, 'utf8')).trim();
    if (/^[A-Za-z0-9_-]{43}$/.test(text)) return text;
  } catch {
    // created below
  }
  const secret = randomBytes(32).toString('base64url');
  await writeFileAtomic(path, `${secret}\n`);
  return secret;
}

export async function startControlServer(options: ControlServerOptions): Promise<ControlServer> {
  const secret = await loadOrCreateControlSecret(options.dataDir);
  const expected = Buffer.from(secret);
  let port = 0;
  const authorised = (req: IncomingMessage, url: URL): boolean => {
    const host = req.headers.host ?? '';
    if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) return false;
    const header = req.headers.authorization ?? '';
    const given = Buffer.from(
      header.startsWith('Bearer ') ? header.slice(7) : (url.searchParams.get('k') ?? ''),
    );
    return given.length === expected.length && timingSafeEqual(given, expected);
  };
  const statusNow = (): ControlStatus => ({
    v: 1,
    agent: options.agent.status(),
    capture: options.live.status(),
    preview: options.preview.events(),
    frames: options.framePreview?.list() ?? [],
    ...(options.browser ? { browser: options.browser.counts } : {}),
    ...(options.live.openTask ? { task: options.live.openTask } : {}),
  });

  const server = createServer((req, res) => {
    handle(req, res).catch(() => send(res, 500, { error: { code: 'INTERNAL' } }));
  });
  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (!authorised(req, url)) return send(res, 401, { error: { code: 'CONTROL_REFUSED' } });
    if (req.method === 'GET' && url.pathname === '/') return sendHtml(res, renderPage(statusNow(), secret));
    if (req.method === 'GET' && url.pathname === '/status') return send(res, 200, statusNow());
    const frame = /^\/frames\/([A-Za-z0-9_-]{1,64})\.webp$/.exec(url.pathname);
    if (req.method === 'GET' && frame?.[1]) {
      const bytes = options.framePreview?.webp(frame[1]);
      if (!bytes) return send(res, 404, { error: { code: 'NOT_FOUND' } });
      res.writeHead(200, {
        'content-type': 'image/webp',
        'cache-control': 'no-store',
        'content-length': String(bytes.length),
        'x-content-type-options': 'nosniff',
      });
      res.end(bytes);
      return;
    }
    const browser = options.browser;
    if (browser && url.pathname === '/browser/state' && req.method === 'GET') {
      const known = url.searchParams.get('known') ?? '';
      const until = Date.now() + (options.browserWaitMs ?? 20_000);
      let state = browser.state();
      // A long poll: the state is cheap to compute, so it is checked every 100 ms rather than wired
      // to every lease, pause and scope change.
      while (state.key === known && Date.now() < until && !req.destroyed) {
        await new Promise((r) => setTimeout(r, 100));
        state = browser.state();
      }
      return send(res, 200, state);
    }
    if (req.method !== 'POST') return send(res, 404, { error: { code: 'NOT_FOUND' } });
    if (browser && url.pathname === '/browser/events') {
      const outcome = browser.receive(await readBody(req, 1_048_576));
      if (!outcome.ok) return send(res, 400, { error: { code: outcome.error } });
      return send(res, 200, outcome.receipt);
    }
    const body = await readBody(req);
    if (url.pathname === '/pause') {
      const parsed = PauseBody.safeParse(body);
      if (!parsed.success) return send(res, 400, { error: { code: 'SCHEMA_INVALID' } });
      await options.live.pause(parsed.data.forMs);
      options.log('info', 'contributor_paused', { forMs: parsed.data.forMs ?? null });
      return send(res, 200, statusNow());
    }
    if (url.pathname === '/resume') {
      if (!EmptyBody.safeParse(body ?? {}).success)
        return send(res, 400, { error: { code: 'SCHEMA_INVALID' } });
      await options.live.resume();
      options.log('info', 'contributor_resumed', {});
      return send(res, 200, statusNow());
    }
    if (url.pathname === '/task') {
      const parsed = TaskBody.safeParse(body);
      if (!parsed.success) return send(res, 400, { error: { code: 'SCHEMA_INVALID' } });
      const outcome = options.live.markTask(parsed.data.phase, parsed.data.label);
      if (!outcome.ok) return send(res, 409, { error: { code: outcome.code } });
      // the label is the contributor's own text: never logged
      options.log('info', 'contributor_task', { phase: parsed.data.phase });
      return send(res, 200, { v: 1, task: outcome.task ?? null });
    }
    if (url.pathname === '/forget') {
      const parsed = ForgetBody.safeParse(body);
      if (!parsed.success) return send(res, 400, { error: { code: 'SCHEMA_INVALID' } });
      const since = Date.now() - parsed.data.lastMs;
      const outcome = await options.agent.forget(since);
      options.preview.forget(since);
      options.framePreview?.forget(since);
      return send(res, 200, { v: 1, since, ...outcome });
    }
    return send(res, 404, { error: { code: 'NOT_FOUND' } });
  }

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
    });
    port = (server.address() as AddressInfo).port;
    await writeFileAtomic(
      join(options.dataDir, CONTROL_FILE),
      `${JSON.stringify({ v: 1, port, pid: process.pid })}\n`,
    );
  } catch (cause) {
    server.close();
    throw new AgentError('CONTROL_IO', 'the control server could not start', { cause });
  }
  options.log('info', 'control_listening', { port });
  return {
    url: `http://127.0.0.1:${port}/`,
    port,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function readBody(req: IncomingMessage, limit = 4096): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) return undefined;
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

function sendHtml(res: ServerResponse, html: string): void {
  res.writeHead(200, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'content-security-policy':
      "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; connect-src 'self'; img-src 'self'",
    'referrer-policy': 'no-referrer',
  });
  res.end(html);
}

function esc(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The status page: plain HTML, refreshed every 2 s; the buttons post with the secret from the URL. */
export function renderPage(status: ControlStatus, secret: string): string {
  const { agent, capture } = status;
  const rows = status.preview
    .slice()
    .reverse()
    .map(
      (e) =>
        `<tr><td>${esc(new Date(e.t).toLocaleTimeString())}</td><td><code>${esc(JSON.stringify(e))}</code></td></tr>`,
    )
    .join('');
  const scope = capture.scope
    .map(
      (r) =>
        `<li>${esc(r.app)}${r.title ? ` (title /${esc(r.title)}/)` : ''}: ${esc(r.level)}${r.frames ? ', with screenshots' : ''}</li>`,
    )
    .join('');
  const f = agent.frames;
  const framesLine =
    f.state === 'off'
      ? `Screenshots: off (${esc(f.reason)})`
      : `Screenshots: ${esc(f.taken)} taken · ${esc(f.pending)} being redacted · not taken: ${
          esc(
            Object.entries(f.dropped)
              .map(([k, n]) => `${k.toLowerCase().replace(/_/g, ' ')} ${n}`)
              .join(', '),
          ) || 'none'
        }`;
  const frames = status.frames
    .map(
      (fr) =>
        `<figure><img src="/frames/${esc(fr.actionId)}.webp?k=${esc(encodeURIComponent(secret))}" width="${esc(fr.meta.width)}" height="${esc(fr.meta.height)}" style="max-width:480px;height:auto;border:1px solid #888" alt="screenshot before an action"><figcaption>${esc(new Date(fr.t).toLocaleTimeString())} · ${esc(fr.meta.app)} · ${esc(Math.round(fr.bytes / 1024))} KiB</figcaption></figure>`,
    )
    .join('');
  return `<!doctype html><html><head><meta charset="utf-8"><meta http-equiv="refresh" content="2">
<title>Steno agent: ${esc(capture.state)}</title>
<style>body{font:14px system-ui,sans-serif;margin:2em}code{font-size:12px}td{padding:2px 8px;vertical-align:top}.state{font-size:1.6em;font-weight:600}</style></head>
<body><h1>Steno agent</h1>
<p class="state">${esc(capture.state.replace(/_/g, ' '))}${capture.reason ? ` <small>(${esc(capture.reason)})</small>` : ''}</p>
<p>Focused app: ${esc(capture.app ?? '(not shown: out of scope)')} · level ${esc(capture.level)} · lease ${esc(capture.lease.state)}${capture.contributorPausedUntil ? ` · paused until ${esc(new Date(capture.contributorPausedUntil).toLocaleTimeString())}` : ''}</p>
<p><button onclick="post('/pause',{})">Pause</button> <button onclick="post('/pause',{forMs:1800000})">Pause 30 min</button> <button onclick="post('/resume',{})">Resume</button> <button onclick="post('/forget',{lastMs:600000})">Forget the last 10 minutes</button></p>
<p>Captured ${esc(agent.eventsCaptured)} events · ${esc(agent.batchesSpooled)} batches spooled · ${esc(agent.spoolPending)} waiting (held back ${esc(Math.round(agent.holdbackMs / 1000))} s before upload) · ${esc(agent.batchesUploaded)} uploaded · ${esc(agent.redactions)} redactions · ${esc(agent.eventsForgotten)} forgotten</p>
<h2>Task</h2><p>${
    status.task
      ? `Open: “${esc(status.task.label ?? '(no description yet)')}” since ${esc(new Date(status.task.startedAt).toLocaleTimeString())} <button onclick="task('name')">Describe…</button> <button onclick="post('/task',{phase:'end'})">Done</button> <button onclick="post('/task',{phase:'abandon'})">Abandon</button>`
      : `None open. <button onclick="task('start')">Start a task…</button>`
  }</p>
<h2>In scope</h2><ul>${scope || '<li>nothing (no lease)</li>'}</ul>
<h2>Screenshots that will leave this machine (latest first, exactly as sent)</h2><p>${framesLine}</p>${frames || '<p>none</p>'}
<h2>What will leave this machine (latest first)</h2><table>${rows || '<tr><td>nothing yet</td></tr>'}</table>
<script>const k=${JSON.stringify(secret)};function post(p,b){fetch(p,{method:'POST',headers:{authorization:'Bearer '+k,'content-type':'application/json'},body:JSON.stringify(b)}).then(()=>location.reload())}
function task(phase){const v=(prompt('What are you about to do? (filtered like typed text)')||'').trim().slice(0,200);if(v)post('/task',{phase,label:v});else if(phase==='start')post('/task',{phase})}</script>
</body></html>`;
}
