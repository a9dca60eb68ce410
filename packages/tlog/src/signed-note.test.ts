/**
 * Signed notes and verifier keys: interoperability with published notes signed by Go's
 * golang.org/x/mod/sumdb/note and another C2SP implementation, round-trips, and the spec's
 * rules for unknown keys, failed signatures and malformed notes.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  generateNoteKey,
  isValidKeyName,
  type NoteVerifier,
  noteKeyId,
  parseVerifierKey,
  rawPublicKey,
  verifierKeyString,
} from './note-key.ts';
import { MAX_NOTE_SIGNATURES, parseSignedNote, signNote, verifyNote } from './signed-note.ts';

const DASH = '\u2014';

/** Published (verifier key, note) pairs signed by other implementations. */
const PUBLISHED = [
  {
    // golang.org/x/mod/sumdb/note test vector.
    vkey: 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW',
    note: `If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n\n${DASH} PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n`,
  },
  {
    // The example of github.com/yaglo/signed_note's README.
    vkey: 'example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k',
    note: `This is an example message.\n\n${DASH} example.com/foo Uw2QOkn8srV1yJGh2VYRlL1Tnagv1YEq6TfXppzi2ONncAlTgK7Ztg1ERYNZXsYjOBH3mFXmRKuwHjG1Yu72IneyaQM=\n`,
  },
];

function verifier(vkey: string): NoteVerifier {
  const parsed = parseVerifierKey(vkey);
  if (!parsed.ok) throw new Error('bad test key');
  return parsed.verifier;
}

describe('verifier keys', () => {
  it('parses published keys, whose ids match SHA-256(name || 0x0A || 0x01 || key)[:4]', () => {
    for (const { vkey } of PUBLISHED) {
      const v = verifier(vkey);
      expect(v.keyId.toString(16).padStart(8, '0')).toBe(vkey.split('+')[1]);
      expect(noteKeyId(v.name, v.publicKey)).toBe(v.keyId);
      expect(verifierKeyString(v.name, v.publicKey)).toBe(vkey);
    }
  });

  it('round-trips generated keys, from raw bytes or KeyObjects', () => {
    const { signer, verifierKey } = generateNoteKey('steno.example/audit');
    const v = verifier(verifierKey);
    expect(verifierKeyString(v.name, v.publicKey)).toBe(verifierKey);
    expect(rawPublicKey(signer.privateKey)).toEqual(v.publicKey);
  });

  it('refuses malformed keys', () => {
    const good = PUBLISHED[1]?.vkey as string;
    const [name, id, key] = good.split('+') as [string, string, string];
    for (const bad of [
      '',
      name,
      `${name}+${id}`,
      `${name}+00000000+${key}`, // id does not match
      `${name}x+${id}+${key}`, // name changed, id no longer matches
      `${name}+${id}+${key.slice(0, -4)}`,
      `${name}+${id}+AgkyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k`, // type byte 0x02
      `a b+${id}+${key}`,
      `${name}+${id}+${key}=`,
    ]) {
      expect(parseVerifierKey(bad).ok).toBe(false);
    }
    expect(isValidKeyName('a+b')).toBe(false);
    expect(isValidKeyName('a\u00a0b')).toBe(false);
    expect(isValidKeyName('')).toBe(false);
    expect(isValidKeyName('steno.example/audit')).toBe(true);
  });
});

describe('signed notes', () => {
  it('verifies notes signed by other implementations', () => {
    for (const { vkey, note } of PUBLISHED) {
      const r = verifyNote(note, [verifier(vkey)]);
      expect(r.ok).toBe(true);
      if (r.ok) expect(`${r.text}\n`).toBe(note.slice(0, note.lastIndexOf('\n\n') + 2));
    }
  });

  it('round-trips any text and detects any change to text, signature or key', () => {
    const { signer, verifierKey } = generateNoteKey('steno.example/log');
    const other = generateNoteKey('steno.example/log');
    const v = verifier(verifierKey);
    const lineArb = fc
      .string({ minLength: 1, maxLength: 40 })
      .filter((s) => ![...s].some((c) => c.charCodeAt(0) < 0x20));
    fc.assert(
      fc.property(fc.array(lineArb, { minLength: 1, maxLength: 5 }), fc.nat(), (lines, pos) => {
        const text = `${lines.join('\n')}\n`;
        const note = signNote(text, signer);
        const ok = verifyNote(note, [v]);
        expect(ok).toEqual({ ok: true, text, verifiedBy: [v] });
        // Change one character of the text.
        const i = pos % (text.length - 1);
        const changed = `${text.slice(0, i)}${text[i] === 'x' ? 'y' : 'x'}${text.slice(i + 1)}`;
        expect(verifyNote(changed + note.slice(text.length), [v]).ok).toBe(false);
        // Another key with the same name has another id: its verifier does not know this signature.
        expect(verifyNote(note, [verifier(other.verifierKey)])).toEqual({
          ok: false,
          reason: 'NO_KNOWN_SIGNATURE',
        });
      }),
      { numRuns: 100 },
    );
  });

  it('rejects a note whose known-key signature fails, even if another known key signed', () => {
    const a = generateNoteKey('a.example/log');
    const b = generateNoteKey('b.example/log');
    const note = signNote('hello\n', [a.signer, b.signer]);
    const both = [verifier(a.verifierKey), verifier(b.verifierKey)];
    const ok = verifyNote(note, both);
    expect(ok.ok && ok.verifiedBy.length).toBe(2);
    const lines = note.split('\n');
    const sigLine = lines[2] as string;
    const blob = Buffer.from(sigLine.split(' ')[2] as string, 'base64');
    for (let bit = 0; bit < blob.length * 8; bit += 37) {
      const bad = Buffer.from(blob);
      bad[bit >> 3] = (bad[bit >> 3] as number) ^ (1 << (bit & 7));
      lines[2] = `${DASH} a.example/log ${bad.toString('base64')}`;
      const r = verifyNote(lines.join('\n'), both);
      // Flipping a key-id bit makes the line unknown (ignored); any other bit breaks the signature.
      expect(r.ok).toBe(bit < 32);
      if (bit >= 32) expect(r).toEqual({ ok: false, reason: 'BAD_SIGNATURE' });
    }
  });

  it('ignores signatures from unknown keys', () => {
    const a = generateNoteKey('a.example/log');
    const b = generateNoteKey('b.example/log');
    const note = signNote('hello\n', [b.signer, a.signer]);
    expect(verifyNote(note, [verifier(a.verifierKey)]).ok).toBe(true);
  });

  it('refuses malformed notes', () => {
    const { signer } = generateNoteKey('k.example');
    const good = signNote('hello\n', signer);
    const sig = good.slice('hello\n\n'.length);
    const bad = [
      'hello\n',
      `hello\n${sig}`,
      `hello\n\n${sig.slice(0, -1)}`,
      `hello\n\n${sig}\n`,
      `hello\n\n- k.example ${sig.split(' ')[2]}`,
      `hel\tlo\n\n${sig}`,
      `hello\n\n${DASH} k.example\n`,
      `hello\n\n${DASH} k.example AAAA\n`,
      `hello\n\n${sig.replace('=\n', '==\n')}`,
      `hello\n\n${sig.repeat(MAX_NOTE_SIGNATURES + 1)}`,
    ];
    for (const note of bad) expect(parseSignedNote(note).ok).toBe(false);
    expect(parseSignedNote(Uint8Array.of(0xff, 0x0a, 0x0a)).ok).toBe(false);
    expect(parseSignedNote(new Uint8Array(2 << 20))).toEqual({ ok: false, reason: 'NOTE_TOO_LARGE' });
    expect(parseSignedNote(Buffer.from(good)).ok).toBe(true);
    expect(() => signNote('no newline', signer)).toThrow();
    expect(() => signNote('tab\there\n', signer)).toThrow();
  });
});
