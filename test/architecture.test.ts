/**
 * Invariant 4 (one guarded path to data), checked on the source: only the guard may open event
 * payloads, and the packages depend on each other in one direction only (STYLE.md).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    // The sources only: not what the build writes (dist/, the unpacked extension) or installs.
    if (statSync(p).isDirectory()) {
      if (!['dist', 'node_modules', 'unpacked'].includes(name)) out.push(...sources(p));
    } else if (p.endsWith('.ts') && !p.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

describe('architecture', () => {
  it('only the guard opens event payloads, decodes stored events or opens task descriptions', () => {
    const offenders = sources(join(root, 'packages'))
      .filter((f) => /\b(openEventPayload|decodeEvents|openReviewText)\b/.test(readFileSync(f, 'utf8')))
      .map((f) => relative(root, f))
      .sort();
    expect(offenders).toEqual([
      'packages/server/src/crypto/event-envelope.ts',
      'packages/server/src/crypto/payload-codec.ts',
      'packages/server/src/crypto/review-envelope.ts',
      'packages/server/src/guard/guard.ts',
    ]);
  });

  it('no module outside crypto/ touches the AEAD primitive directly', () => {
    const offenders = sources(join(root, 'packages/server/src'))
      .filter((f) => !f.includes('/crypto/') && /aead\.ts|createDecipheriv/.test(readFileSync(f, 'utf8')))
      .map((f) => relative(root, f));
    expect(offenders).toEqual([]);
  });

  it('dependencies point one way: protocol ← privacy ← agent; protocol ← server; pure packages do no I/O', () => {
    const allowed: Record<string, string[]> = {
      protocol: [],
      privacy: ['protocol'],
      tlog: [],
      policy: [],
      identity: [],
      datasets: ['protocol', 'privacy'],
      frames: ['protocol', 'privacy'],
      agent: ['protocol', 'privacy', 'frames'],
      // The extension bundles the filter; its end-to-end harness drives a real agent.
      extension: ['protocol', 'privacy', 'agent'],
      queue: [],
      server: ['protocol', 'privacy', 'tlog', 'policy', 'identity', 'datasets', 'queue'],
      cli: ['protocol', 'privacy', 'tlog', 'agent', 'server'],
    };
    for (const [pkg, deps] of Object.entries(allowed)) {
      for (const f of sources(join(root, 'packages', pkg, 'src'))) {
        const text = readFileSync(f, 'utf8');
        for (const m of text.matchAll(/from '@steno\/([a-z]+)'/g)) {
          expect(deps, `${relative(root, f)} imports @steno/${m[1]}`).toContain(m[1]);
        }
        // The corpus generator and the name-lexicon writer are development scripts beside the
        // filter (run by hand, left out of dist), not part of it; the witness process's folder,
        // key file and HTTP listener (issue 20) sit beside the pure log.
        const witnessProcess =
          /\/tlog\/src\/witness\/(file-witness-state|witness-key|witness-server)\.ts$/.test(f);
        const devScript = f.includes('/src/corpus/') || /\/privacy\/src\/lexicon\/write-[a-z-]+\.ts$/.test(f);
        if (['protocol', 'privacy', 'tlog'].includes(pkg) && !devScript && !witnessProcess) {
          expect(text, `${relative(root, f)} does I/O`).not.toMatch(
            /from 'node:(fs|net|http|https|child_process|fs\/promises)'/,
          );
        }
      }
    }
  });
});
