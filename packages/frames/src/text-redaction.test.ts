import { describe, expect, it } from 'vitest';
import { intersect, type Rect } from './geometry.ts';
import type { OcrLine } from './ocr-engine.ts';
import { lineReadings } from './ocr-text-variants.ts';
import { ocrLine } from './test-support/synthetic.ts';
import { redactRecognisedText, riskyShape } from './text-redaction.ts';

const covered = (boxes: Rect[], r: Rect) =>
  boxes.some(
    (b) => b.x <= r.x && b.y <= r.y && b.x + b.width >= r.x + r.width && b.y + b.height >= r.y + r.height,
  );
/** The box of word `i` of a line. */
function wb(line: OcrLine, i: number): Rect {
  const w = line.words[i];
  if (!w) throw new Error(`no word ${i}`);
  return w.bbox;
}
const touched = (boxes: Rect[], r: Rect) => boxes.some((b) => intersect(b, r));

describe('recognised text → black boxes', () => {
  it('blacks out the words the privacy filter flags, and only those', () => {
    const line = ocrLine(10, 10, [
      ['mail', 96],
      ['jane.doe@example.org', 93],
      ['today', 95],
    ]);
    const out = redactRecognisedText([line]);
    expect(out.flaggedLines).toBe(1);
    expect(covered(out.boxes, wb(line, 1))).toBe(true);
    expect(touched(out.boxes, wb(line, 0))).toBe(false);
    expect(touched(out.boxes, wb(line, 2))).toBe(false);
  });

  it('catches misreads: commas for dots, a space beside @, a token split in two, O for 0 in a number', () => {
    const comma = ocrLine(0, 0, [
      ['mail', 96],
      ['jane.doe@example,org', 90],
    ]);
    const spaced = ocrLine(0, 20, [
      ['jane.doe', 92],
      ['@example.org', 92],
    ]);
    const split = ocrLine(0, 40, [
      ['key', 95],
      ['AKIAIOSFOD', 92],
      ['NN7EXAMPLE', 92],
    ]);
    const card = ocrLine(0, 60, [
      ['card', 96],
      ['4111', 91],
      ['1lll', 90],
      ['1111', 91],
      ['1111', 91],
    ]);
    const out = redactRecognisedText([comma, spaced, split, card]);
    expect(out.flaggedLines).toBe(4);
    expect(covered(out.boxes, wb(comma, 1))).toBe(true);
    for (const w of spaced.words) expect(covered(out.boxes, w.bbox)).toBe(true);
    for (const w of split.words.slice(1)) expect(covered(out.boxes, w.bbox)).toBe(true);
    for (const w of card.words.slice(1)) expect(covered(out.boxes, w.bbox)).toBe(true);
    expect(touched(out.boxes, wb(card, 0))).toBe(false);
  });

  it('multi-word identifiers are caught by joining the line (phone, IBAN)', () => {
    const phone = ocrLine(0, 0, [
      ['call', 96],
      ['+44', 95],
      ['20', 95],
      ['7946', 95],
      ['0958', 95],
      ['now', 96],
    ]);
    const iban = ocrLine(0, 20, [
      ['IBAN', 96],
      ['GB82', 95],
      ['WEST', 95],
      ['1234', 95],
      ['5698', 95],
      ['7654', 95],
      ['32', 95],
    ]);
    const out = redactRecognisedText([phone, iban]);
    for (const w of phone.words.slice(1, 5)) expect(covered(out.boxes, w.bbox)).toBe(true);
    for (const w of iban.words.slice(1)) expect(covered(out.boxes, w.bbox)).toBe(true);
  });

  it('fails closed: a low-confidence word that could hide a secret blacks out its whole line', () => {
    const line = ocrLine(10, 10, [
      ['token', 95],
      ['ghp_aB3AESIG7hIOJK1IM3n05pQ7ESIMUIVWIYS', 0],
      ['end', 95],
    ]);
    const out = redactRecognisedText([line]);
    expect(out.unsureLines).toBe(1);
    expect(covered(out.boxes, line.bbox)).toBe(true);
    // A low-confidence ordinary short word does not.
    const plain = ocrLine(10, 30, [
      ['hello', 40],
      ['team', 95],
    ]);
    expect(redactRecognisedText([plain]).boxes).toEqual([]);
  });

  it('known secrets (typed text the filter redacted) are matched fuzzily', () => {
    const line = ocrLine(0, 0, [
      ['pass', 95],
      ['is', 95],
      ['hunter2x!', 95],
      ['ok', 95],
    ]);
    const misread = ocrLine(0, 20, [['hunterZx', 95]]);
    const out = redactRecognisedText([line, misread], { knownSecrets: ['hunter2x'] });
    expect(covered(out.boxes, wb(line, 2))).toBe(true);
    expect(covered(out.boxes, wb(misread, 0))).toBe(true);
    expect(touched(out.boxes, wb(line, 0))).toBe(false);
  });

  it('organisation rules from the policy apply to recognised text', () => {
    const line = ocrLine(0, 0, [
      ['project', 95],
      ['Bluebird', 95],
      ['launch', 95],
    ]);
    const out = redactRecognisedText([line], { detect: { rules: { words: ['bluebird'] } } });
    expect(covered(out.boxes, wb(line, 1))).toBe(true);
  });

  it('risky shapes and readings', () => {
    expect(riskyShape('jane@x.org')).toBe(true);
    expect(riskyShape('4111')).toBe(true);
    expect(riskyShape('AKIA')).toBe(true);
    expect(riskyShape('hello')).toBe(false);
    expect(lineReadings(['a', ',', 'b']).base.map((r) => r.text)).toContain('a.b');
  });
});
