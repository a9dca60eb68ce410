/**
 * A transparency-log witness (C2SP tlog-witness `add-checkpoint`, cosigning per tlog-cosignature):
 * for each log it knows (origin → the log's note verifier keys), it keeps the latest checkpoint it
 * cosigned, and cosigns a new one only if the log signed it and proves it extends that one. It
 * refuses a fork at the same size (409), a rollback (400 or 409) and a rewrite (422), so a log
 * owner who rewrites history and re-signs it with the log's own key cannot get it cosigned.
 *
 * Checking the old size and saving the new checkpoint happen as one step: requests are handled
 * one at a time, and the state is saved before the cosignature is returned.
 */

import { parseCheckpoint } from '../checkpoint.ts';
import { emptyRoot, hashesEqual } from '../hashing.ts';
import { type NoteSigner, type NoteVerifier, rawPublicKey, toPrivateKey } from '../note-key.ts';
import { parseSignedNote, verifyNote } from '../signed-note.ts';
import { verifyConsistency } from '../verify-consistency.ts';
import { parseAddCheckpoint } from './add-checkpoint.ts';
import { cosignerVerifierKey, cosignLine } from './cosignature.ts';

export interface WitnessedLog {
  origin: string;
  /** The log's checkpoint keys (a signature by any one of them is enough). */
  verifiers: NoteVerifier[];
}

/** What a witness remembers of one log: the latest checkpoint it cosigned. */
export interface WitnessRecord {
  size: number;
  rootHash: Uint8Array;
  /** The checkpoint as the log signed it (evidence, and for monitors). */
  checkpoint: string;
}

export interface WitnessState {
  load(origin: string): Promise<WitnessRecord | undefined>;
  /** Durable before it resolves. */
  save(origin: string, record: WitnessRecord): Promise<void>;
}

export interface WitnessResponse {
  status: 200 | 400 | 403 | 404 | 409 | 422;
  contentType: string;
  body: string;
}

export interface WitnessOptions {
  /** The witness's own Ed25519 key, named (e.g. `witness.example/w1`). */
  signer: NoteSigner;
  logs: readonly WitnessedLog[];
  state: WitnessState;
  /** Milliseconds since the epoch (cosignatures carry seconds). */
  now?: () => number;
  /** Told of every refusal with a valid log signature (possible evidence of a misbehaving log). */
  onRefused?: (origin: string, status: number, reason: string) => void;
}

const text = (status: WitnessResponse['status'], body: string): WitnessResponse => ({
  status,
  contentType: 'text/plain; charset=utf-8',
  body: `${body}\n`,
});

export class Witness {
  readonly #signer: NoteSigner;
  readonly #logs: Map<string, WitnessedLog>;
  readonly #state: WitnessState;
  readonly #now: () => number;
  readonly #onRefused: WitnessOptions['onRefused'];
  #queue: Promise<unknown> = Promise.resolve();
  readonly verifierKey: string;

  constructor(options: WitnessOptions) {
    this.#signer = { name: options.signer.name, privateKey: toPrivateKey(options.signer.privateKey) };
    this.#logs = new Map(options.logs.map((l) => [l.origin, l]));
    this.#state = options.state;
    this.#now = options.now ?? Date.now;
    this.#onRefused = options.onRefused;
    this.verifierKey = cosignerVerifierKey(options.signer.name, rawPublicKey(this.#signer.privateKey));
  }

  get name(): string {
    return this.#signer.name;
  }

  /** Handles one add-checkpoint request body; one request at a time. */
  addCheckpoint(body: string): Promise<WitnessResponse> {
    const run = this.#queue.then(() => this.#add(body));
    this.#queue = run.catch(() => undefined);
    return run;
  }

  async #add(body: string): Promise<WitnessResponse> {
    const req = parseAddCheckpoint(body);
    if (!req.ok) return text(400, req.reason);
    const note = parseSignedNote(req.request.checkpoint);
    if (!note.ok) return text(400, 'the checkpoint is not a signed note');
    const cp = parseCheckpoint(note.note.text);
    if (!cp.ok) return text(400, 'malformed checkpoint');
    const { origin, size, rootHash } = cp.checkpoint;
    const log = this.#logs.get(origin);
    if (!log) return text(404, 'unknown log');
    if (!verifyNote(req.request.checkpoint, log.verifiers).ok) return text(403, 'no valid log signature');
    const { oldSize, proof } = req.request;
    const refuse = (status: WitnessResponse['status'], reason: string, response: WitnessResponse) => {
      this.#onRefused?.(origin, status, reason);
      return response;
    };
    if (oldSize > size) return refuse(400, 'rollback', text(400, 'old size is larger than the checkpoint'));
    const latest = await this.#state.load(origin);
    const latestSize = latest?.size ?? 0;
    const sizeConflict: WitnessResponse = {
      status: 409,
      contentType: 'text/x.tlog.size',
      body: `${latestSize}\n`,
    };
    if (oldSize !== latestSize) return refuse(409, 'old size mismatch', sizeConflict);
    const oldRoot = latest?.rootHash ?? emptyRoot();
    if (oldSize === size) {
      if (!hashesEqual(oldRoot, rootHash) && (latest || size > 0))
        return refuse(409, 'fork at the same size', sizeConflict);
    } else if (!verifyConsistency(oldSize, size, proof, oldRoot, rootHash)) {
      return refuse(422, 'consistency proof does not verify', text(422, 'consistency proof does not verify'));
    }
    await this.#state.save(origin, { size, rootHash, checkpoint: req.request.checkpoint });
    const timestamp = Math.floor(this.#now() / 1000);
    return {
      status: 200,
      contentType: 'text/plain; charset=utf-8',
      body: cosignLine(note.note.text, this.#signer, timestamp),
    };
  }
}
