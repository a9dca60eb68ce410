import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/** The portal is built into dist/ and served by the Steno server on its own origin. */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false, target: 'es2022' },
});
