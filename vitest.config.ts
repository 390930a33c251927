import { defineConfig } from 'vitest/config';

// One run covers every package: `pnpm test`. Integration tests use PGlite unless DATABASE_URL is set.
export default defineConfig({
  test: {
    projects: ['packages/*', 'apps/api', 'apps/web'],
  },
});
