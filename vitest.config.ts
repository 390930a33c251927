import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// One run covers every package: `pnpm test`. Integration tests use PGlite unless DATABASE_URL is set.
export default defineConfig({
  test: {
    projects: ['packages/*', 'apps/api', 'apps/web'],
    // Vitest's default (cores − 1) runs one file at a time on a 2-core machine while its main process
    // mostly waits: a file's work (PGlite's engine included) is in its worker. Two at least.
    maxWorkers: Math.max(2, availableParallelism() - 1),
  },
});
