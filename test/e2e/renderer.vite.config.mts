// A private renderer build for the e2e tests (`npx vite build --config test/e2e/renderer.vite.config.mts`):
// same root, plugin and relative base as electron-vite's renderer build, but written to
// test-results/e2e-renderer so it never races a concurrent `npm run build` writing out/.
// Point the harness at it with MWB_E2E_RENDERER_DIR=test-results/e2e-renderer.
import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';

const root = resolve(import.meta.dirname, '../..');

export default defineConfig({
  root: resolve(root, 'renderer'),
  base: './',
  plugins: [vue()],
  logLevel: 'warn',
  build: {
    outDir: resolve(root, 'test-results/e2e-renderer'),
    emptyOutDir: true,
    rolldownOptions: { input: { index: resolve(root, 'renderer/index.html') } },
  },
});
