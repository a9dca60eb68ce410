/**
 * The AT-SPI reader fails quietly (issue 17): without a session bus, with a session bus address
 * that leads nowhere, and with a session bus that has no accessibility bus, a read answers
 * `undefined` (no target), fast, and nothing is thrown or left unhandled. The reader against a
 * real accessibility bus and GTK application runs in test/desktop-target-e2e.test.ts.
 */
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { startAccessibility, stateNames } from './accessibility.ts';

describe('accessibility reader without an accessibility bus', () => {
  it('no session bus: no target, at once', async () => {
    const reader = startAccessibility({ env: {} });
    const started = Date.now();
    expect(await reader.read({ kind: 'point', x: 10, y: 10, pid: 1 })).toBeUndefined();
    expect(await reader.read({ kind: 'focus', pid: 1 })).toBeUndefined();
    expect(Date.now() - started).toBeLessThan(500);
    reader.close();
  });

  it('a session bus address that leads nowhere: no target, nothing thrown', async () => {
    const reader = startAccessibility({
      env: { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/steno-test-bus' },
      timeoutMs: 1_000,
    });
    expect(await reader.read({ kind: 'point', x: 10, y: 10, pid: 1 })).toBeUndefined();
    // the failure is remembered: the next read does not try again at once
    const started = Date.now();
    expect(await reader.read({ kind: 'focus', pid: 1 })).toBeUndefined();
    expect(Date.now() - started).toBeLessThan(200);
    reader.close();
  });

  it('a session bus without the accessibility bus service: no target', async () => {
    const daemon = spawn('dbus-daemon', ['--session', '--nofork', '--print-address=1'], {
      stdio: ['ignore', 'pipe', 'ignore'],
      // no service files for org.a11y.Bus: an empty XDG_DATA_DIRS hides /usr/share/dbus-1/services
      env: { ...process.env, XDG_DATA_DIRS: '/nonexistent' },
    });
    const failed = new Promise<undefined>((resolve) => daemon.once('error', () => resolve(undefined)));
    const address = await Promise.race([
      new Promise<string>((resolve) =>
        daemon.stdout?.once('data', (d: Buffer) => resolve(d.toString().split('\n')[0] ?? '')),
      ),
      failed,
    ]);
    if (address === undefined) return; // no dbus-daemon here
    try {
      const reader = startAccessibility({ env: { DBUS_SESSION_BUS_ADDRESS: address }, timeoutMs: 2_000 });
      expect(await reader.read({ kind: 'point', x: 10, y: 10, pid: 1 })).toBeUndefined();
      reader.close();
    } finally {
      daemon.kill('SIGTERM');
    }
  });

  it('names the AT-SPI state bits', () => {
    // bit 8 enabled, 12 focused, 25 showing; bit 1 of the second word is 33: required
    expect(stateNames([(1 << 8) | (1 << 12) | (1 << 25), 1 << 1])).toEqual([
      'enabled',
      'focused',
      'showing',
      'required',
    ]);
  });
});
