import { cpSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from '@playwright/test';
import { CHROMIUM } from './e2e/chromium.ts';

/**
 * End-to-end tests against the real platform: the Fastify API (which serves the built web app from
 * apps/web/build) on a fresh, empty data directory, so it migrates and seeds the demo programme.
 * Build the web app first (`pnpm build`); this config does not build.
 * With DATABASE_URL set, the API uses that Postgres database instead of the embedded one.
 * `pnpm test:e2e` (scripts/e2e.ts) runs each project with this config in its own process, naming it in
 * E2E_RUN: its own port, data directory, results and report.
 */

const ROOT = fileURLToPath(new URL('.', import.meta.url));
const PORT = Number(process.env.E2E_PORT ?? 3100);
const BASE_URL = `http://localhost:${PORT}`;
const RUN = process.env.E2E_RUN;

// Computed once in the main process; workers inherit it through the environment. The previous run's
// directory is kept until the next run of the same name (for post-mortems), then removed: each one
// holds a whole database.
if (!process.env.TREMPLIN_E2E_DATA_DIR) {
  const tmp = join(ROOT, '.tmp');
  const prefix = `e2e-data-${RUN ?? 'all'}-`;
  mkdirSync(tmp, { recursive: true });
  for (const name of readdirSync(tmp)) {
    if (name.startsWith(prefix)) rmSync(join(tmp, name), { recursive: true, force: true });
  }
  process.env.TREMPLIN_E2E_DATA_DIR = join(tmp, `${prefix}${Date.now()}`);
}
const dataDir = process.env.TREMPLIN_E2E_DATA_DIR;
mkdirSync(dataDir, { recursive: true });

// Each run serves a copy of the built web app of its own, so that a spec can stage a deploy (a new
// service worker, e2e/app-update.spec.ts) without touching the build another run serves.
if (!process.env.TREMPLIN_E2E_WEB_DIR) {
  process.env.TREMPLIN_E2E_WEB_DIR = `${dataDir}-web`;
  if (existsSync(join(ROOT, 'apps/web/build')))
    cpSync(join(ROOT, 'apps/web/build'), process.env.TREMPLIN_E2E_WEB_DIR, { recursive: true });
}

const serverEnv: Record<string, string> = {};
for (const [name, value] of Object.entries(process.env)) if (value !== undefined) serverEnv[name] = value;
Object.assign(serverEnv, {
  PORT: String(PORT),
  DATA_DIR: dataDir,
  WEB_BUILD_DIR: process.env.TREMPLIN_E2E_WEB_DIR,
});
if (process.env.DATABASE_URL) {
  serverEnv.DATABASE_URL = process.env.DATABASE_URL;
  // The API seeds the demo accounts on its own only into an empty embedded database.
  serverEnv.SEED_DEMO = process.env.SEED_DEMO ?? 'true';
}

const chromium = {
  browserName: 'chromium' as const,
  launchOptions: CHROMIUM,
};
const desktop = { ...chromium, viewport: { width: 1280, height: 800 } };

// `pnpm test:e2e` evens out its two runs (E2E_SPLIT): these desktop specs run in the phone's process,
// as the `desktop-beside-phone` project, on the phone's server. Both projects have always shared one
// database, each with demo accounts of its own; to a spec, any project but `phone` is the desktop.
const DESKTOP_BESIDE_PHONE = ['student-english.spec.ts', 'student-vocabulary.spec.ts', 'tutor-pages.spec.ts'];
const split = process.env.E2E_SPLIT === '1';

export default defineConfig({
  testDir: 'e2e',
  outputDir: RUN ? `test-results/${RUN}` : 'test-results',
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: 1,
  timeout: 60_000,
  // Two runs share the 2 cores of a small machine: a page may take a few seconds more than alone.
  expect: { timeout: 15_000 },
  reporter: process.env.CI
    ? [
        ['list'],
        ['html', { open: 'never', outputFolder: RUN ? `playwright-report/${RUN}` : 'playwright-report' }],
      ]
    : 'list',
  use: {
    baseURL: BASE_URL,
    // The programme's users browse in French; a test that needs English asks for it.
    locale: 'fr-FR',
    timezoneId: 'Africa/Lome',
    // A failure keeps its trace (DOM snapshots, network, console) and a screenshot. The trace's
    // screencast is left out: recorded for every test, it cost about a sixth of the run.
    trace: { mode: 'retain-on-failure', screenshots: false },
    screenshot: 'only-on-failure',
    // The service worker precaches the whole shell in every new context, so in every test: the specs
    // about it (offline-*, draft-conflict) let it run, the others go to the network as a first visit does.
    serviceWorkers: 'block',
  },
  projects: [
    { name: 'desktop', use: desktop, ...(split ? { testIgnore: DESKTOP_BESIDE_PHONE } : {}) },
    ...(split ? [{ name: 'desktop-beside-phone', use: desktop, testMatch: DESKTOP_BESIDE_PHONE }] : []),
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
