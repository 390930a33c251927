// `pnpm smoke:prod` (after `pnpm build`): what the Docker image holds, checked without Docker. A clone
// of this commit gets the image's own install line (read from docker/Dockerfile: production
// dependencies only) and the built web app; the server started from it seeds the demo, serves the
// pages, and grades a submission in its sandbox; the demo removal runs; the server starts again
// with NODE_ENV=production. Anything still needing a devDependency at run time fails here.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../apps/api/bench/proc.ts';
import { SERVER_ENVIRONMENT, SERVER_NODE_FLAGS } from '../apps/api/src/server-flags.ts';

const root = path.resolve(import.meta.dirname, '..');
const build = path.join(root, 'apps/web/build');
if (!existsSync(path.join(build, '200.html'))) {
  console.error('smoke:prod needs the built web app: run `pnpm build` first.');
  process.exit(1);
}
const install = /^RUN (pnpm install .*--prod.*)$/m.exec(
  readFileSync(path.join(root, 'docker/Dockerfile'), 'utf8'),
)?.[1];
if (!install) throw new Error('docker/Dockerfile has no `RUN pnpm install … --prod` line');

const work = mkdtempSync(path.join(os.tmpdir(), 'tremplin-prod-'));
const clone = path.join(work, 'tremplin');
const servers: ChildProcess[] = [];
// The clone's own embedded database, whatever DATABASE_URL the caller has.
const cleanEnv = { PATH: process.env.PATH, HOME: os.homedir(), DATA_DIR: path.join(work, 'data') };
const step = (what: string) => console.log(`\n=== ${what}`);

/** Starts the server of the clone as the image does; resolves to its address once it answers. */
async function startServer(env: Record<string, string>): Promise<string> {
  const port = await freePort();
  const child = spawn('node', [...SERVER_NODE_FLAGS, 'apps/api/src/server.ts'], {
    cwd: clone,
    env: { ...cleanEnv, ...SERVER_ENVIRONMENT, PORT: String(port), ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  servers.push(child);
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code) => reject(new Error(`the server exited (${code}) before answering`))),
  );
  const base = `http://127.0.0.1:${port}`;
  for (;;) {
    const answered = await Promise.race([
      fetch(`${base}/api/health`).then(
        (r) => r.ok,
        () => false,
      ),
      exited,
    ]);
    if (answered) return base;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

async function stopServer(): Promise<void> {
  const child = servers.pop()!;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

async function json<T>(response: Response): Promise<T> {
  if (!response.ok) throw new Error(`${response.url}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

try {
  step(`a clone of HEAD, then the image's install: ${install}`);
  execFileSync('git', ['clone', '--quiet', root, clone], { stdio: 'inherit' });
  execFileSync('sh', ['-c', install], { cwd: clone, stdio: 'inherit', env: { ...process.env, CI: 'true' } });
  cpSync(build, path.join(clone, 'apps/web/build'), { recursive: true });

  step('the server from the production install: demo seeded, pages served, a submission graded');
  let base = await startServer({ PRETTY_LOGS: 'false', GRADER_POOL_SIZE: '1' });
  const page = await fetch(`${base}/`);
  if (!page.ok || !(await page.text()).includes('<html')) throw new Error(`GET / answered ${page.status}`);
  const login = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'etudiant1@tremplin.test', password: 'tremplin-demo' }),
  });
  await json(login);
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  const module = await json<{ exercises: { id: string; slug: string }[] }>(
    await fetch(`${base}/api/modules/programmation-js`, { headers: { cookie } }),
  );
  const somme = module.exercises.find((exercise) => exercise.slug === 'somme')!;
  const solution = path.join(
    clone,
    'packages/content/modules/programmation-js/exercises/somme/solution/somme.js',
  );
  const submitted = await json<{ id: string }>(
    await fetch(`${base}/api/exercises/${somme.id}/submissions`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ idempotencyKey: `smoke-${Date.now()}`, code: readFileSync(solution, 'utf8') }),
    }),
  );
  for (;;) {
    const { submissions } = await json<{
      submissions: { id: string; status: string; score: number | null }[];
    }>(await fetch(`${base}/api/exercises/${somme.id}/submissions`, { headers: { cookie } }));
    const mine = submissions.find((submission) => submission.id === submitted.id)!;
    if (mine.status === 'graded' && mine.score === 1) break;
    if (!['queued', 'grading'].includes(mine.status)) throw new Error(`submission ${mine.status}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  console.log('GET / served the app; the reference solution of `somme` was graded 1/1');
  await stopServer();

  step('the demo removal, then the server with NODE_ENV=production');
  execFileSync('node', ['packages/db/src/cli/remove-demo.ts'], {
    cwd: clone,
    stdio: 'inherit',
    env: cleanEnv,
  });
  base = await startServer({ NODE_ENV: 'production', GRADER_POOL_SIZE: '1' });
  const health = await json<{ demo: boolean }>(await fetch(`${base}/api/health`));
  if (health.demo) throw new Error('demo accounts remain');
  await stopServer();
  step('PASS: the production install serves, grades and runs its tools without any devDependency');
} finally {
  for (const child of servers) child.kill('SIGKILL');
  rmSync(work, { recursive: true, force: true });
}
