import { defineConfig } from 'vitest/config';

// Each test file starts its own small pool of worker processes; files run one at a time so that the
// pools do not fight over the 2 cores (timing-sensitive limits stay meaningful).
export default defineConfig({
  test: {
    name: 'grader',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
