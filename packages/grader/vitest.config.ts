import { defineConfig } from 'vitest/config';

// Each test file starts its own small pool of worker processes; files run one at a time so that the
// pools do not fight over the 2 cores (timing-sensitive limits stay meaningful), and after the other
// projects (a later group order), so that no other project's file runs beside them either.
export default defineConfig({
  test: {
    name: 'grader',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    fileParallelism: false,
    sequence: { groupOrder: 1 },
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
