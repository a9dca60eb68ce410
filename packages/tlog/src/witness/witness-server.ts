/**
 * The witness over HTTP: `POST <prefix>/add-checkpoint` as C2SP tlog-witness defines it (keep-alive,
 * bodies up to 64 KiB), nothing else. Used by `steno witness` and by the embedded default.
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Witness } from './witness.ts';

const MAX_BODY = 64 * 1024;

export interface RunningWitness {
  /** The submission prefix, e.g. http://127.0.0.1:7380 */
  url: string;
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        resolve(undefined);
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export function startWitnessServer(witness: Witness, host = '127.0.0.1', port = 0): Promise<RunningWitness> {
  const server = createServer((req, res) => {
    const send = (status: number, type: string, body: string) => {
      res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body) });
      res.end(body);
    };
    if (req.url !== '/add-checkpoint') return send(404, 'text/plain', 'not found\n');
    if (req.method !== 'POST') return send(405, 'text/plain', 'POST only\n');
    readBody(req)
      .then(async (body) => {
        if (body === undefined) return send(413, 'text/plain', 'body too large\n');
        const out = await witness.addCheckpoint(body);
        send(out.status, out.contentType, out.body);
      })
      .catch(() => send(500, 'text/plain', 'witness failure\n'));
  });
  server.keepAliveTimeout = 30_000;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const a = server.address() as AddressInfo;
      const h = a.family === 'IPv6' ? `[${a.address}]` : a.address;
      resolve({
        url: `http://${h}:${a.port}`,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
