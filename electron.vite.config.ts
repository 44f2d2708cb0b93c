import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import { resolve } from 'node:path';

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      // Native and large runtime deps stay in node_modules (better-sqlite3 cannot be bundled).
      externalizeDeps: true,
      // The demo gateway's worker thread is an entry of its own: out/main/demo-worker.js beside main.js.
      rollupOptions: {
        // playwright-core (a devDependency) prints report PDFs under `serve` only; never bundled.
        external: ['playwright-core'],
        input: {
          main: resolve(import.meta.dirname, 'src-main/main.ts'),
          'demo-worker': resolve(import.meta.dirname, 'src-main/sim/demo-worker.ts'),
          // The replay worker thread (src-main/replay/replay-proxy.ts starts it): out/main/replay-worker.js.
          'replay-worker': resolve(import.meta.dirname, 'src-main/replay/replay-worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // Sandboxed preloads cannot require modules: one self-contained CommonJS file.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(import.meta.dirname, 'src-preload/index.ts') },
        external: ['electron'],
        output: { format: 'cjs', entryFileNames: '[name].cjs', inlineDynamicImports: true },
      },
    },
  },
  renderer: {
    root: 'src-renderer',
    plugins: [react()],
    build: {
      outDir: resolve(import.meta.dirname, 'out/renderer'),
      emptyOutDir: true,
      chunkSizeWarningLimit: 4096,
      rollupOptions: { input: { index: resolve(import.meta.dirname, 'src-renderer/index.html') } },
    },
  },
});
