/**
 * Event payload encoding before encryption: a codec byte, then msgpack records, deflated.
 * Compress-then-encrypt is safe here: payloads are never mixed with attacker-chosen secrets.
 */
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { StenoEvent } from '@steno/protocol';
import { Packr } from 'msgpackr';

const CODEC_MSGPACK_DEFLATE = 1;
const packr = new Packr({ useRecords: true });

export function encodeEvents(events: readonly StenoEvent[]): Uint8Array {
  const packed = deflateRawSync(packr.pack(events), { level: 6 });
  const out = new Uint8Array(packed.length + 1);
  out[0] = CODEC_MSGPACK_DEFLATE;
  out.set(packed, 1);
  return out;
}

export function decodeEvents(bytes: Uint8Array): StenoEvent[] {
  if (bytes[0] !== CODEC_MSGPACK_DEFLATE) throw new TypeError('unknown payload codec');
  return packr.unpack(inflateRawSync(bytes.subarray(1))) as StenoEvent[];
}
