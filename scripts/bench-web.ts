/**
 * Web app budgets and Run latency, measured in Chromium against the real platform.
 *
 *   pnpm build && node scripts/bench-web.ts
 *
 * With PORT set, uses the server already listening there; otherwise starts the API (which serves the
 * built app) on a free port with a temporary DATA_DIR, like playwright.config.ts, and stops it after.
 * Prints:
 * - the JS+CSS loaded by the student home page and by the exercise page without Monaco: gzip size
 *   (the build's .gz files), brotli size (what the server sends to browsers that accept it), raw size;
 * - Monaco's payload (what the exercise page adds when it loads the editor: JS, CSS, font, workers),
 *   and what a second visit transfers (hashed files, cached for a year);
 * - the Run latency (click → results on screen), median over 10 runs.
 * Budgets: home ≤ 100 KB, exercise page without Monaco ≤ 150 KB (gzip); exits 1 if one is exceeded.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { BrowserContext, Page, Response } from '@playwright/test';
import {
  BUILD_DIR,
  launchChromium,
  requireBuild,
  signIn as signInAs,
  startPlatform,
} from './bench-browser.ts';

const STUDENT = process.env.BENCH_STUDENT ?? 'etudiant34@tremplin.test';
const RUNS = Number(process.env.BENCH_RUNS ?? 10);
const BUDGET = { home: 100 * 1024, exercise: 150 * 1024 };

requireBuild();
const platform = await startPlatform();
const BASE = platform.base;

// ---------- measuring ----------

interface Asset {
  path: string;
  type: string;
  /** Size of the build's gzip file for it (computed if the build has none). */
  gzip: number;
  /** Size of the build's brotli file (what the server sends to a browser that accepts it). */
  br: number;
  raw: number;
  /** Bytes on the wire (encoded body), as Chromium reports them. */
  transferred: number;
  cacheControl: string;
}

function builtSizes(path: string): { gzip: number; br: number; raw: number } {
  const file = join(BUILD_DIR, path);
  if (!existsSync(file)) return { gzip: 0, br: 0, raw: 0 };
  const raw = statSync(file).size;
  const gz = `${file}.gz`;
  const br = `${file}.br`;
  const gzip = existsSync(gz) ? statSync(gz).size : gzipSync(readFileSync(file)).length;
  return { gzip, br: existsSync(br) ? statSync(br).size : gzip, raw };
}

function kindOf(response: Response): string | null {
  const path = new URL(response.url()).pathname;
  if (!path.startsWith('/_app/')) return null;
  if (path.includes('/workers/')) return 'worker';
  if (path.endsWith('.css')) return 'css';
  if (path.endsWith('.js')) return 'js';
  if (/\.(ttf|woff2?)$/.test(path)) return 'font';
  return 'other';
}

/** Records every app asset the context fetches (pages and their workers) until `stop()`. */
function record(context: BrowserContext) {
  const pending: Promise<Asset | null>[] = [];
  const onResponse = (response: Response) => {
    const type = kindOf(response);
    if (!type) return;
    pending.push(
      (async () => {
        const path = new URL(response.url()).pathname;
        const sizes = await response
          .request()
          .sizes()
          .catch(() => ({ responseBodySize: 0 }));
        return {
          path,
          type,
          ...builtSizes(path),
          transferred: Math.max(0, sizes.responseBodySize),
          cacheControl: (await response.allHeaders())['cache-control'] ?? '',
        };
      })(),
    );
  };
  context.on('response', onResponse);
  return {
    async stop(): Promise<Asset[]> {
      context.off('response', onResponse);
      const assets = (await Promise.all(pending)).filter((a): a is Asset => a !== null);
      const unique = new Map(assets.map((a) => [a.path, a]));
      return [...unique.values()];
    },
  };
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const sum = (assets: Asset[], key: 'gzip' | 'br' | 'raw' | 'transferred') =>
  assets.reduce((n, a) => n + a[key], 0);
const jsCss = (assets: Asset[]) => assets.filter((a) => a.type === 'js' || a.type === 'css');

const signIn = (page: Page) => signInAs(page.request, BASE, STUDENT);

async function codeExerciseId(page: Page): Promise<string> {
  const { modules } = (await (await page.request.get(`${BASE}/api/modules`)).json()) as {
    modules: { slug: string }[];
  };
  for (const { slug } of modules) {
    const detail = (await (await page.request.get(`${BASE}/api/modules/${slug}`)).json()) as {
      exercises: { id: string; kind: string }[];
    };
    const code = detail.exercises.find((e) => e.kind === 'code');
    if (code) return code.id;
  }
  throw new Error('no code exercise in the enrolled modules');
}

/** A cold visit (empty cache) of `path`, recording the app assets it loads. */
async function coldVisit(
  browser: Awaited<ReturnType<typeof launchChromium>>,
  path: string,
  ready: (page: Page) => Promise<void>,
  viewport = { width: 1280, height: 800 },
): Promise<Asset[]> {
  const context = await browser.newContext({ viewport, locale: 'fr-FR' });
  const page = await context.newPage();
  await signIn(page);
  const recorder = record(context);
  await page.goto(`${BASE}${path}`);
  await ready(page);
  await page.waitForLoadState('networkidle');
  const assets = await recorder.stop();
  await context.close();
  return assets;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

let failed = false;
try {
  const browser = await launchChromium();

  const setup = await browser.newContext();
  const setupPage = await setup.newPage();
  await signIn(setupPage);
  const exerciseId = await codeExerciseId(setupPage);
  await setup.close();

  // 1. Home page.
  const home = jsCss(
    await coldVisit(browser, '/etudiant', (page) => page.getByTestId('student-modules').waitFor()),
  );

  // 2. Exercise page with the plain editor (no Monaco).
  const plain = await coldVisit(browser, `/etudiant/exercices/${exerciseId}?editeur=simple`, (page) =>
    page.locator('[data-testid="code-editor"][data-editor="plain"]').waitFor(),
  );
  const exercise = jsCss(plain);

  // 3. Exercise page with Monaco: what it adds, and what a second visit transfers.
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'fr-FR' });
  const page = await context.newPage();
  await signIn(page);
  let recorder = record(context);
  await page.goto(`${BASE}/etudiant/exercices/${exerciseId}`);
  await page.locator('[data-testid="code-editor"][data-ready="true"]').waitFor({ timeout: 60_000 });
  // Let the TypeScript worker start (diagnostics) before counting.
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(1500);
  const withMonaco = await recorder.stop();
  const plainPaths = new Set(plain.map((a) => a.path));
  const monaco = withMonaco.filter((a) => !plainPaths.has(a.path));

  recorder = record(context);
  await page.reload();
  await page.locator('[data-testid="code-editor"][data-ready="true"]').waitFor({ timeout: 60_000 });
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(1000);
  const second = (await recorder.stop()).filter((a) => monaco.some((m) => m.path === a.path));

  // 4. Run latency: click → the results rendered (measured in the page, up to the next frame).
  const latencies: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const ms = await page.evaluate(
      () =>
        new Promise<number>((resolve, reject) => {
          const button = document.querySelector<HTMLButtonElement>('[data-testid="run-button"]');
          if (!button) return reject(new Error('no Run button'));
          const start = performance.now();
          let busy = false;
          const observer = new MutationObserver(() => {
            if (button.disabled) busy = true;
            const shown = document.querySelector('[data-testid="run-results"], [data-testid="run-error"]');
            if (busy && !button.disabled && shown) {
              observer.disconnect();
              requestAnimationFrame(() => resolve(performance.now() - start));
            }
          });
          observer.observe(document.body, { subtree: true, childList: true, attributes: true });
          button.click();
        }),
    );
    latencies.push(ms);
  }
  await context.close();
  await browser.close();

  // ---------- report ----------
  const verbose = process.env.BENCH_VERBOSE === '1';
  const line = (label: string, assets: Asset[], budget?: number) => {
    const gz = sum(assets, 'gzip');
    const over = budget !== undefined && gz > budget;
    if (over) failed = true;
    const limit = budget === undefined ? '' : `  budget ${kb(budget)} ${over ? 'EXCEEDED' : 'ok'}`;
    console.log(
      `${label.padEnd(42)} ${kb(gz).padStart(10)} gzip ${kb(sum(assets, 'br')).padStart(10)} brotli ${kb(sum(assets, 'raw')).padStart(11)} raw  (${assets.length} files)${limit}`,
    );
    if (verbose) {
      for (const a of [...assets].sort((x, y) => y.gzip - x.gzip))
        console.log(`    ${kb(a.gzip).padStart(10)}  ${a.path}`);
    }
  };

  console.log(`\nTremplin web app — ${BASE}, student ${STUDENT}\n`);
  line('Home page JS+CSS', home, BUDGET.home);
  line('Exercise page without Monaco JS+CSS', exercise, BUDGET.exercise);
  line('Monaco payload (JS, CSS, font, workers)', monaco);
  for (const type of ['js', 'css', 'font', 'worker']) {
    const part = monaco.filter((a) => a.type === type);
    if (part.length) line(`  of which ${type}`, part);
  }
  const immutable = monaco.every(
    (a) => /max-age=31536000/.test(a.cacheControl) && /immutable/.test(a.cacheControl),
  );
  console.log(
    `Monaco on a second visit: ${kb(sum(second, 'transferred'))} transferred for ${second.length} files` +
      ` (cache-control on all Monaco files: ${immutable ? 'public, max-age=31536000, immutable' : 'NOT immutable'})`,
  );
  console.log(
    `Run latency (click → results visible), ${RUNS} runs: median ${median(latencies).toFixed(0)} ms` +
      ` (min ${Math.min(...latencies).toFixed(0)}, max ${Math.max(...latencies).toFixed(0)})`,
  );
} catch (error) {
  console.error(error);
  failed = true;
} finally {
  await platform.stop();
}
process.exit(failed ? 1 : 0);
