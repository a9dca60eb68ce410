/**
 * @steno/tlog: the tamper-evident log core shared by the server's audit log, `steno audit verify`
 * and the browser portal. RFC 9162 Merkle hashing, an append-only tree over a pluggable node
 * store, offline proof verifiers, and C2SP signed-note checkpoints with Ed25519. Pure: no file
 * system, no network.
 */
export { decodeBase64, encodeBase64 } from './base64.ts';
export {
  type Checkpoint,
  type CheckpointFailureReason,
  type CheckpointInput,
  type CheckpointResult,
  formatCheckpoint,
  parseCheckpoint,
  signCheckpoint,
  verifyCheckpoint,
} from './checkpoint.ts';
export { emptyRoot, HASH_SIZE, hashesEqual, isHash, leafHash, nodeHash, sha256 } from './hashing.ts';
export { MemoryNodeStore } from './memory-node-store.ts';
export { type AppendResult, MerkleLog } from './merkle-log.ts';
export type { NodeKey, NodeStore, StoredNode } from './node-store.ts';
export {
  ED25519_SIGNATURE_TYPE,
  generateNoteKey,
  isValidKeyName,
  type NoteSigner,
  type NoteVerifier,
  noteKeyId,
  type ParseVerifierKeyResult,
  parseVerifierKey,
  rawPublicKey,
  toPrivateKey,
  toPublicKey,
  verifierKeyString,
} from './note-key.ts';
export { RootAccumulator, rootFromLeaves } from './root-from-leaves.ts';
export {
  localNoteSigner,
  MAX_NOTE_BYTES,
  MAX_NOTE_SIGNATURES,
  type NoteFailureReason,
  type NoteSignature,
  type ParseNoteResult,
  parseSignedNote,
  type RemoteNoteSigner,
  type SignedNote,
  signNote,
  signNoteRemote,
  type VerifyNoteResult,
  verifyNote,
} from './signed-note.ts';
export { TLOG_ERROR_CODES, TlogError, type TlogErrorCode } from './tlog-error.ts';
export { perfectSubtrees, splitPoint } from './tree-shape.ts';
export { verifyConsistency } from './verify-consistency.ts';
export { verifyInclusion } from './verify-inclusion.ts';
export {
  type AddCheckpointRequest,
  formatAddCheckpoint,
  parseAddCheckpoint,
} from './witness/add-checkpoint.ts';
export {
  COSIGNATURE_V1_TYPE,
  type CosignatureResult,
  type Cosigner,
  cosignatureMessage,
  cosignerKeyId,
  cosignerVerifierKey,
  cosignLine,
  parseCosignerKey,
  type VerifiedCosignature,
  verifyCosignatures,
} from './witness/cosignature.ts';
export { FileWitnessState } from './witness/file-witness-state.ts';
export {
  Witness,
  type WitnessedLog,
  type WitnessOptions,
  type WitnessRecord,
  type WitnessResponse,
  type WitnessState,
} from './witness/witness.ts';
export { loadOrCreateWitnessKey } from './witness/witness-key.ts';
export { type RunningWitness, startWitnessServer } from './witness/witness-server.ts';
