/**
 * The element strings' redactor (issue 19): remembered by the string, so what it returns is always
 * the filter's verdict on the string as it is now — a name that changes to a secret is never
 * served from what it was, nor let out raw.
 */
import { redactText } from '@steno/privacy';
import { describe, expect, it } from 'vitest';
import { createStringRedactor } from './string-redactor.ts';

const TOKEN = 'ghp_R2d2C3po4Luke5Leia6Han7Solo8Chewie9x';

describe('createStringRedactor', () => {
  it('gives what redactText gives, for repeated and changed strings alike', () => {
    const redact = createStringRedactor();
    for (const s of ['Open', 'Open', `token ${TOKEN}`, 'mail jane.doe@example.com', 'Open'])
      expect(redact(s)).toBe(redactText(s).text);
    expect(redact(`token ${TOKEN}`)).not.toContain('ghp_');
  });

  it('a name that becomes a secret after it was first seen is filtered, not served from before', () => {
    const redact = createStringRedactor();
    let name = 'Show code';
    expect(redact(name)).toBe('Show code');
    name = TOKEN;
    const out = redact(name);
    expect(out).not.toContain('Show code');
    expect(out).not.toContain('R2d2');
    expect(out).toBe(redactText(TOKEN).text);
  });

  it('stays bounded and still filters after it was emptied', () => {
    const redact = createStringRedactor(4);
    for (let i = 0; i < 20; i++) expect(redact(`row ${i}`)).toBe(`row ${i}`);
    expect(redact(`${TOKEN}`)).toBe(redactText(TOKEN).text);
  });
});
