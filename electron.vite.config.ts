import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import vue from '@vitejs/plugin-vue';

const root = __dirname;

// One node build serves the Electron main process, the `mwb` CLI, the worker-thread entry and the
// benchmark runner, so all of them run the same bundled core. Entry keys are paths under out/.
export default defineConfig({
  main: {
    build: {
      outDir: resolve(root, 'out'),
      emptyOutDir: true,
      externalizeDeps: true,
      rolldownOptions: {
        input: {
          'main/index': resolve(root, 'main/index.ts'),
          'main/worker': resolve(root, 'main/jobs/worker.ts'),
          'cli/mwb': resolve(root, 'main/cli/mwb.ts'),
          'bench/bench': resolve(root, 'test/bench/bench.ts'),
        },
        output: {
          entryFileNames: '[name].js',
          chunkFileNames: 'chunks/[name]-[hash].js',
        },
      },
    },
  },
  preload: {
    build: {
      outDir: resolve(root, 'out/preload'),
      // A sandboxed preload cannot require() packages: bundle everything into one file.
      externalizeDeps: false,
      isolatedEntries: true,
      rolldownOptions: {
        input: { index: resolve(root, 'preload/index.ts') },
      },
    },
  },
  renderer: {
    root: resolve(root, 'renderer'),
    plugins: [vue()],
    build: {
      outDir: resolve(root, 'out/renderer'),
      rolldownOptions: {
        input: { index: resolve(root, 'renderer/index.html') },
      },
    },
  },
});
