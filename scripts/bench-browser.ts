/**
 * What the browser benchmarks (bench-web.ts, bench-reach.ts) share: the built app, the platform they
 * measure (started on a fresh embedded database unless PORT names one already listening), Chromium
 * launched as playwright.config.ts launches it, and the demo student's sign-in.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import https from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type APIRequestContext, type Browser } from '@playwright/test';
import { freePort } from '../apps/api/bench/proc.ts';
import { CHROMIUM } from '../e2e/chromium.ts';
import { DEMO_PASSWORD } from '../e2e/helpers.ts';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const BUILD_DIR = join(ROOT, 'apps/web/build');
export { DEMO_PASSWORD };

/** Exits with a hint when the web app has not been built (the server would serve no pages). */
export function requireBuild(): void {
  if (!existsSync(join(BUILD_DIR, '200.html'))) {
    console.error('apps/web/build is missing: run `pnpm build` first.');
    process.exit(2);
  }
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
  /** http://localhost:<port>, or https://localhost:<port> behind Caddy */
  base: string;
  /** Stops what this started (and removes its directories); nothing for a server given by PORT. */
  stop(): Promise<void>;
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}

/** Resolves once `url` answers 200 over https, whatever its certificate (Caddy's own authority). */
async function waitForHttps(url: string, child: ChildProcess, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`Caddy exited with code ${child.exitCode}`);
    const status = await new Promise<number>((resolve) => {
      const request = https.get(url, { rejectUnauthorized: false }, (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      });
      request.on('error', () => resolve(0));
    });
    if (status === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`no answer from ${url}`);
}

/**
 * Caddy on `port` with the deployment's own docker/Caddyfile (HTTP/2, TLS from its internal authority,
 * zstd/gzip) in front of the API on `upstream`; its state in `dir`, the system's trust store untouched.
 */
async function startCaddy(port: number, upstream: number, dir: string): Promise<ChildProcess> {
  const config = join(dir, 'Caddyfile');
  writeFileSync(
    config,
    `{\n\tadmin off\n\tskip_install_trust\n\tauto_https disable_redirects\n\tstorage file_system ${join(dir, 'data')}\n}\n` +
      `import ${join(ROOT, 'docker/Caddyfile')}\n`,
  );
  const child = spawn('caddy', ['run', '--adapter', 'caddyfile', '--config', config], {
    env: { ...process.env, DOMAIN: `localhost:${port}`, API_UPSTREAMS: `127.0.0.1:${upstream}`, HOME: dir },
    stdio: 'ignore',
  });
  await new Promise<void>((resolve, reject) => {
    child.once('spawn', resolve);
    child.once('error', () => reject(new Error('`caddy` is not on PATH (or set BENCH_DIRECT=1)')));
  });
  await waitForHttps(`https://localhost:${port}/api/health`, child);
  return child;
}

/**
 * The platform to measure: with PORT set, the server already listening there; otherwise the API (which
 * serves the built app) on a free port with a temporary DATA_DIR, like playwright.config.ts. With
 * `behindCaddy`, reached through Caddy as deployed (the API then told its public https origin).
 * Resolves once it answers /api/health.
 */
export async function startPlatform(options: { behindCaddy?: boolean } = {}): Promise<Platform> {
  const children: ChildProcess[] = [];
  const dirs: string[] = [];
  const stop = async () => {
    for (const child of children.reverse()) await stopChild(child);
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  };
  try {
    const caddyPort = options.behindCaddy ? await freePort() : 0;
    const publicOrigin = caddyPort ? { PUBLIC_ORIGIN: `https://localhost:${caddyPort}` } : {};
    let port = Number(process.env.PORT ?? 0);
    let server: ChildProcess | null = null;
    if (!port) {
      port = await freePort();
      const dataDir = mkdtempSync(join(tmpdir(), 'tremplin-bench-'));
      dirs.push(dataDir);
      console.log(`Starting the API on port ${port} (DATA_DIR ${dataDir}) …`);
      server = spawn(process.execPath, ['apps/api/src/server.ts'], {
        cwd: ROOT,
        env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, ...publicOrigin },
        stdio: ['ignore', 'ignore', 'inherit'],
      });
      children.push(server);
    }
    await waitForHealth(`http://localhost:${port}`, server);
    if (!caddyPort) return { base: `http://localhost:${port}`, stop };
    const caddyDir = mkdtempSync(join(tmpdir(), 'tremplin-caddy-'));
    dirs.push(caddyDir);
    children.push(await startCaddy(caddyPort, port, caddyDir));
    return { base: `https://localhost:${caddyPort}`, stop };
  } catch (error) {
    await stop();
    throw error;
  }
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
