import { defineConfig } from 'vitest/config';

// Only src/ and test/: the demo modules and the fixtures hold Jest-style test files meant for the grader,
// not for vitest.
export default defineConfig({
  test: {
    name: 'content',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['test/fixtures/**', '**/node_modules/**'],
  },
});
