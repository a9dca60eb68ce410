// A lease-signing thread (issue 19): signs the canonical bytes it is sent with the key it was given
// at start, so a broadcast to thousands of agents signs on every core. Plain JavaScript: a worker
// thread does not inherit the TypeScript loader of the process that starts it.
import { sign } from 'node:crypto';
import { parentPort, workerData } from 'node:worker_threads';

const key = workerData.key;
parentPort.on('message', ({ id, texts }) => {
  try {
    const sigs = texts.map((t) => sign(null, Buffer.from(t, 'utf8'), key).toString('base64url'));
    parentPort.postMessage({ id, sigs });
  } catch (err) {
    parentPort.postMessage({ id, error: String(err?.message ?? err) });
  }
});
