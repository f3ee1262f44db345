import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'refdata',
    environment: 'node',
    include: ['test/refdata/**/*.test.ts'],
    testTimeout: 300_000,
    hookTimeout: 300_000,
    fileParallelism: false,
  },
});
