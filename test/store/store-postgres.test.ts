/** The shared store suite on PostgreSQL (STENO_PG_URL; required in CI). */
import { describe, it } from 'vitest';
import { PG_URL, requirePgInCi } from '../support/test-stores.ts';
import { storeSuite } from './store-suite.ts';

requirePgInCi();
if (PG_URL) storeSuite('postgres');
else
  describe.skip('store suite on postgres (set STENO_PG_URL to run)', () => it('needs PostgreSQL', () => {}));
