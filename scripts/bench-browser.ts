/**
 * What the browser benchmarks (bench-web.ts, bench-reach.ts) share: the built app, the platform they
 * measure (started on a fresh embedded database unless PORT names one already listening), Chromium
 * launched as playwright.config.ts launches it, and the demo student's sign-in.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type APIRequestContext, type Browser } from '@playwright/test';
import { CHROMIUM } from '../e2e/chromium.ts';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const BUILD_DIR = join(ROOT, 'apps/web/build');
export const DEMO_PASSWORD = 'tremplin-demo';

/** Exits with a hint when the web app has not been built (the server would serve no pages). */
export function requireBuild(): void {
  if (!existsSync(join(BUILD_DIR, '200.html'))) {
    console.error('apps/web/build is missing: run `pnpm build` first.');
    process.exit(2);
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

async function waitForHealth(
  baseUrl: string,
  child: ChildProcess | null,
  timeoutMs = 180_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child && child.exitCode !== null) throw new Error(`the API exited with code ${child.exitCode}`);
    try {
      const response = await fetch(`${baseUrl}/api/health`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`no answer from ${baseUrl}/api/health`);
}

export interface Platform {
  /** http://localhost:<port> */
  base: string;
  /** Stops the server this started (and removes its data directory); nothing for one given by PORT. */
  stop(): Promise<void>;
}

/**
 * The platform to measure: with PORT set, the server already listening there; otherwise the API (which
 * serves the built app) on a free port with a temporary DATA_DIR, like playwright.config.ts.
 * Resolves once it answers /api/health.
 */
export async function startPlatform(): Promise<Platform> {
  let child: ChildProcess | null = null;
  let dataDir: string | null = null;
  let port = Number(process.env.PORT ?? 0);
  if (!port) {
    port = await freePort();
    dataDir = mkdtempSync(join(tmpdir(), 'tremplin-bench-'));
    console.log(`Starting the API on port ${port} (DATA_DIR ${dataDir}) …`);
    child = spawn(process.execPath, ['apps/api/src/server.ts'], {
      cwd: ROOT,
      env: { ...process.env, PORT: String(port), DATA_DIR: dataDir },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
  }
  const stop = async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    }
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  };
  const base = `http://localhost:${port}`;
  try {
    await waitForHealth(base, child);
  } catch (error) {
    await stop();
    throw error;
  }
  return { base, stop };
}

/** Chromium as the e2e tests launch it (`extraArgs`: e.g. a remote-debugging port). */
export function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({ ...CHROMIUM, args: [...CHROMIUM.args, ...extraArgs] });
}

/** Signs `email` in through the API; the session cookie lands in the request's browser context. */
export async function signIn(
  request: APIRequestContext,
  base: string,
  email: string,
  password = DEMO_PASSWORD,
): Promise<void> {
  const response = await request.post(`${base}/api/auth/login`, { data: { email, password } });
  if (!response.ok()) throw new Error(`sign-in failed: ${response.status()} ${await response.text()}`);
}
