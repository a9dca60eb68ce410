/** The shared store suite on the embedded default (PGlite). */
import { storeSuite } from './store-suite.ts';

storeSuite('pglite');
