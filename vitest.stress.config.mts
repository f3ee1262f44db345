import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'stress',
    environment: 'node',
    include: ['test/stress/**/*.test.ts'],
    testTimeout: 1_800_000,
    hookTimeout: 300_000,
    fileParallelism: false,
  },
});
