/**
 * `pnpm test:e2e`: the Playwright projects (desktop, phone) side by side, each in its own Playwright
 * process with its own API server, port and fresh embedded database. One run alone leaves much of a
 * 2-core machine idle while it waits on pages and answers; two keep it busy. The phone's run also
 * takes three desktop specs (playwright.config.ts), so that the two end about together.
 *
 * Arguments go to every run (`pnpm test:e2e e2e/auth.spec.ts`); `--project NAME` keeps only that
 * project. Each run's results are in test-results/NAME and playwright-report/NAME.
 */
import { spawn } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { freePort } from '../apps/api/bench/proc.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const PROJECTS = ['desktop', 'phone'];

function parse(argv: string[]): { projects: string[]; rest: string[] } {
  const projects: string[] = [];
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--project') projects.push(argv[++i] ?? '');
    else if (arg.startsWith('--project=')) projects.push(arg.slice('--project='.length));
    else rest.push(arg);
  }
  const unknown = projects.filter((p) => !PROJECTS.includes(p));
  if (unknown.length > 0) {
    console.error(`unknown project ${unknown.join(', ')}: the projects are ${PROJECTS.join(', ')}`);
    process.exit(2);
  }
  return { projects: projects.length > 0 ? projects : PROJECTS, rest };
}

/** What starts each line of a project's run, so that two runs side by side can be told apart. */
const linePrefix = (project: string) => `${project.padEnd(7)} | `;

/**
 * What each failed test's page showed when it failed (Playwright's error-context.md: the page's
 * accessibility snapshot), printed with the run's lines: a failure on a CI machine, whose files are
 * gone with it, can then be read from its log alone.
 */
async function printErrorContexts(project: string): Promise<void> {
  const dir = join(ROOT, 'test-results', project);
  const entries = await readdir(dir, { recursive: true }).catch(() => [] as string[]);
  for (const entry of entries.filter((name) => name.endsWith('error-context.md')).sort()) {
    const text = await readFile(join(dir, entry), 'utf8');
    const prefix = linePrefix(project);
    process.stderr.write(`${prefix}--- ${entry}\n${text.replace(/^/gm, prefix)}\n`);
  }
}

/** One project's run; its lines are prefixed with its name. Resolves with its exit code. */
async function run(project: string, args: string[], split: boolean): Promise<number> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, E2E_RUN: project, E2E_PORT: String(port) };
  delete env.TREMPLIN_E2E_DATA_DIR;
  delete env.TREMPLIN_E2E_WEB_DIR;
  if (split) env.E2E_SPLIT = '1';
  else delete env.E2E_SPLIT;
  const projects = split && project === 'phone' ? ['phone', 'desktop-beside-phone'] : [project];
  const selected = projects.flatMap((name) => ['--project', name]);
  // The projects last: Playwright's --project takes every value that follows it.
  const child = spawn('pnpm', ['exec', 'playwright', 'test', ...args, ...selected], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  for (const [stream, out] of [
    [child.stdout, process.stdout],
    [child.stderr, process.stderr],
  ] as const) {
    createInterface({ input: stream }).on('line', (line) => out.write(`${linePrefix(project)}${line}\n`));
  }
  // 'close', not 'exit': by then the run's last lines (its summary) have been read and printed.
  const code = await new Promise<number>((resolve) =>
    child.on('close', (exit, signal) => resolve(exit ?? (signal ? 1 : 0))),
  );
  if (code !== 0) await printErrorContexts(project);
  return code;
}

const { projects, rest } = parse(process.argv.slice(2));
// Only the whole suite is evened out: a chosen spec or filter might leave one run with no test.
const split = projects.length === PROJECTS.length && rest.length === 0;
const codes = await Promise.all(projects.map((project) => run(project, rest, split)));
const failed = projects.filter((_, i) => codes[i] !== 0);
if (failed.length > 0) {
  console.error(`e2e: ${failed.join(' and ')} failed`);
  process.exit(1);
}
console.log(`e2e: ${projects.join(' and ')} passed`);
