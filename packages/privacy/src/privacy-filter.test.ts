/** The stream filter: markers, key-ups, order, titles, password windows and prompts, paste, rescan. */
import type { StenoEvent } from '@steno/protocol';
import { describe, expect, it } from 'vitest';
import { applyCapsLock } from './caps-lock.ts';
import { outputChars, runFilter } from './corpus/run-filter.ts';
import { Typist, typeText } from './corpus/typing.ts';
import { createPrivacyFilter, cssUnescaped } from './privacy-filter.ts';
import { rescanEvents } from './rescan.ts';

const KEY = 'AKIAIOSFODNN7EXAMPLE';
const markers = (out: StenoEvent[]) => out.filter((e) => e.type === 'redaction');

describe('createPrivacyFilter', () => {
  it('replaces a secret by one marker at its start, downs and ups alike', () => {
    const events = typeText(`key ${KEY} ok\n`);
    const out = runFilter(events);
    expect(markers(out)).toHaveLength(1);
    const firstA = events.find((e) => e.type === 'key' && e.char === 'A');
    expect(markers(out)[0]).toEqual({ type: 'redaction', t: firstA?.t, entity: 'API_KEY' });
    expect(outputChars(out)).toBe('key  ok');
    // no key-up of a removed key-down survives
    const ups = out.filter((e) => e.type === 'key' && e.dir === 'up' && /^[A-Z0-9]$/.test(e.key));
    expect(ups).toHaveLength(0);
  });

  it('holds events until a boundary, then returns them in input order', () => {
    const f = createPrivacyFilter();
    const typed = typeText('hello');
    const held = typed.flatMap((e) => f.push(e));
    expect(held.length).toBeLessThan(typed.length);
    f.push({ type: 'wheel', t: 9e12, x: 1, y: 1, dx: 0, dy: 3, mods: [] });
    const out = [
      ...held,
      ...f.push({ type: 'button', t: 9e12 + 1, dir: 'down', button: 'left', x: 1, y: 1, mods: [] }),
    ];
    expect(out.map((e) => e.t)).toEqual([...typed.map((e) => e.t), 9e12, 9e12 + 1]);
  });

  it('removes a secret typed, erased and retyped, and the count of erasures', () => {
    const ty = new Typist().text('AKIAIOSF').times('Backspace', 8).text(`x ${KEY}`).press('Enter');
    const out = runFilter(ty.events);
    expect(outputChars(out)).toBe('x ');
    expect(out.filter((e) => e.type === 'key' && e.key === 'Backspace')).toHaveLength(0);
  });

  it('redacts identifiers in window titles', () => {
    const out = runFilter([{ type: 'focus', t: 1, app: 'firefox', title: 'Inbox – alice@corp.com' }]);
    expect(out).toEqual([{ type: 'focus', t: 1, app: 'firefox', title: 'Inbox – [EMAIL]' }]);
  });

  it('gives one PASSWORD marker per field in a password window', () => {
    const out = runFilter([
      { type: 'focus', t: 1, app: 'firefox', title: 'Sign in – Acme' },
      ...typeText('bob\thunter2\n'),
    ]);
    expect(markers(out).map((m) => (m.type === 'redaction' ? m.entity : ''))).toEqual([
      'PASSWORD',
      'PASSWORD',
    ]);
    expect(outputChars(out)).toBe('');
  });

  it('takes the line after sudo as a password', () => {
    const out = runFilter(typeText('sudo apt update\ncorrect-horse\nls\n'));
    expect(outputChars(out)).toBe('sudo apt updatels');
    expect(markers(out)).toHaveLength(1);
  });

  it('redacts every line of a private key typed line by line', () => {
    const out = runFilter(
      typeText(
        '-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA3Tz2mr7SZiAMfQyuvBjM\nqPz9KfXx\n-----END RSA PRIVATE KEY-----\nls\n',
      ),
    );
    expect(outputChars(out)).toBe('ls');
  });

  it('turns paste shortcuts into a paste action with no content', () => {
    const ty = new Typist().press('Control', ['ctrl']).press('v', ['ctrl'], 'v');
    const out = runFilter(ty.events);
    expect(out.some((e) => e.type === 'paste')).toBe(true);
    expect(out.some((e) => e.type === 'key' && e.key === 'v')).toBe(false);
  });

  it('rescanEvents adds nothing to a filtered batch and counts what it must add', () => {
    const filtered = runFilter(typeText(`key ${KEY} ok\n`));
    expect(rescanEvents(filtered).redacted).toBe(0);
    const raw = rescanEvents(typeText(`mail bob@corp.com\n`));
    expect(raw.redacted).toBe(1);
    expect(outputChars(raw.events)).toBe('mail ');
  });
});

describe('task labels (issue 17)', () => {
  it('filters a task label like typed text, on the device and in the server rescan', () => {
    const task: StenoEvent = {
      type: 'task',
      t: 1,
      phase: 'start',
      label: `Send ${KEY} to jane.doe@example.com`,
    };
    const [out] = createPrivacyFilter().push(task);
    expect(out).toEqual({ ...task, label: 'Send [API_KEY] to [EMAIL]' });
    const rescanned = rescanEvents([task]);
    expect(rescanned.redacted).toBe(2);
    expect(JSON.stringify(rescanned.events)).not.toContain('AKIA');
    expect(createPrivacyFilter().push({ type: 'task', t: 2, phase: 'end' })).toEqual([
      { type: 'task', t: 2, phase: 'end' },
    ]);
  });
});

describe('applyCapsLock', () => {
  it('inverts letters only', () => {
    expect(applyCapsLock('a', true)).toBe('A');
    expect(applyCapsLock('A', true)).toBe('a');
    expect(applyCapsLock('1', true)).toBe('1');
    expect(applyCapsLock('a', false)).toBe('a');
  });
});

describe('cssUnescaped', () => {
  it('undoes CSS escapes as CSS Syntax 3 consumes them', () => {
    expect(cssUnescaped('#plain-id')).toBe('#plain-id');
    expect(cssUnescaped('[data-testid="jane\\.doe\\@example\\.com"]')).toBe(
      '[data-testid="jane.doe@example.com"]',
    );
    expect(cssUnescaped('#carol\\2e white\\40 example\\2e net')).toBe('#carol.white@example.net');
    expect(cssUnescaped('#\\31 23')).toBe('#123');
    expect(cssUnescaped('#a\\0 b\\110000 c')).toBe('#a\uFFFDb\uFFFDc');
  });
});
