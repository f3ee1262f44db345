import { defineConfig } from 'vitest/config';
import vue from '@vitejs/plugin-vue';

// One project per layer (design.md "What each layer is tested with"). e2e, refdata and stress have
// their own configs because they need Chromium, ../shared or a long time budget.
const nodeProject = (name: string, extra: string[] = []) => ({
  test: {
    name,
    environment: 'node',
    include: [`test/${name}/**/*.test.ts`, ...extra],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});

export default defineConfig({
  test: {
    projects: [
      nodeProject('core'),
      nodeProject('store'),
      nodeProject('services'),
      nodeProject('jobs'),
      nodeProject('ipc'),
      nodeProject('cli'),
      {
        plugins: [vue()],
        test: {
          name: 'renderer',
          environment: 'happy-dom',
          include: ['test/renderer/**/*.test.ts'],
        },
      },
    ],
  },
});
