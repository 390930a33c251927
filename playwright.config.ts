import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from '@playwright/test';
import { CHROMIUM } from './e2e/chromium.ts';

/**
 * End-to-end tests against the real platform: the Fastify API (which serves the built web app from
 * apps/web/build) on a fresh, empty data directory, so it migrates and seeds the demo programme.
 * Build the web app first (`pnpm build`); this config does not build.
 * With DATABASE_URL set, the API uses that Postgres database instead of the embedded one.
 */

const ROOT = fileURLToPath(new URL('.', import.meta.url));
const PORT = Number(process.env.E2E_PORT ?? 3100);
const BASE_URL = `http://localhost:${PORT}`;

// Computed once in the main process; workers inherit it through the environment. The previous run's
// directory is kept until the next run (for post-mortems), then removed: each one holds a whole database.
if (!process.env.TREMPLIN_E2E_DATA_DIR) {
  const tmp = join(ROOT, '.tmp');
  mkdirSync(tmp, { recursive: true });
  for (const name of readdirSync(tmp)) {
    if (name.startsWith('e2e-data-')) rmSync(join(tmp, name), { recursive: true, force: true });
  }
  process.env.TREMPLIN_E2E_DATA_DIR = join(tmp, `e2e-data-${Date.now()}`);
}
const dataDir = process.env.TREMPLIN_E2E_DATA_DIR;
mkdirSync(dataDir, { recursive: true });

const serverEnv: Record<string, string> = {};
for (const [name, value] of Object.entries(process.env)) if (value !== undefined) serverEnv[name] = value;
Object.assign(serverEnv, { PORT: String(PORT), DATA_DIR: dataDir });
if (process.env.DATABASE_URL) {
  serverEnv.DATABASE_URL = process.env.DATABASE_URL;
  // The API seeds the demo accounts on its own only into an empty embedded database.
  serverEnv.SEED_DEMO = process.env.SEED_DEMO ?? 'true';
}

const chromium = {
  browserName: 'chromium' as const,
  launchOptions: CHROMIUM,
};

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results',
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: 1,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [['list'], ['html', { open: 'never' }]] : 'list',
  use: {
    baseURL: BASE_URL,
    // The programme's users browse in French; a test that needs English asks for it.
    locale: 'fr-FR',
    timezoneId: 'Africa/Lome',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'desktop',
      use: { ...chromium, viewport: { width: 1280, height: 800 } },
    },
    {
      name: 'phone',
      // Monaco is for computers: a phone gets the plain editor, so Monaco-only tests are desktop's.
      grepInvert: /@desktop/,
      use: {
        ...chromium,
        viewport: { width: 360, height: 740 },
        deviceScaleFactor: 2,
        isMobile: true,
        hasTouch: true,
      },
    },
  ],
  webServer: {
    command: 'node apps/api/src/server.ts',
    cwd: ROOT,
    url: `${BASE_URL}/api/health`,
    env: serverEnv,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'ignore',
    stderr: 'pipe',
    gracefulShutdown: { signal: 'SIGTERM', timeout: 10_000 },
  },
});
