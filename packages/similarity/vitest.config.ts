import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'similarity',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
  },
});
