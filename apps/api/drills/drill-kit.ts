// What the fault drills share: a throwaway PostgreSQL database with the demo programme, the API and
// the graders as processes of their own (whose logs are kept), demo learners submitting over HTTP,
// and the checks that every accepted submission was graded once with its expected score.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import {
  DEMO_PASSWORD,
  findPublishedModule,
  migrate,
  openDatabase,
  schema,
  seedDemoProgramme,
} from '@tremplin/db';
import type { Database } from '@tremplin/db';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { freePort } from '../bench/proc.ts';

const SRC = path.resolve(import.meta.dirname, '../src');

/** A failed check: the drill prints it and exits non-zero. */
export class DrillFailure extends Error {}

export function check(ok: boolean, message: string): void {
  if (!ok) throw new DrillFailure(message);
}

/** DRILL_DATABASE_URL: a PostgreSQL server (its database, if any, is only used to create ours). */
export function drillServerUrl(): string {
  const url = process.env.DRILL_DATABASE_URL;
  if (!url || !URL.canParse(url) || !['postgres:', 'postgresql:'].includes(new URL(url).protocol)) {
    console.error(
      'A drill needs DRILL_DATABASE_URL, a PostgreSQL server URL whose role may create databases, ' +
        'e.g. postgres://tremplin_dev:tremplin_dev@127.0.0.1:5432',
    );
    process.exit(2);
  }
  return url;
}

export interface DrillDatabase {
  url: string;
  database: Database;
  drop(): Promise<void>;
}

/** Creates a fresh database on the server, migrated, with the demo programme (and no queued work). */
export async function createDrillDatabase(serverUrl: string): Promise<DrillDatabase> {
  const name = `tremplin_drill_${randomBytes(5).toString('hex')}`;
  const admin = await openDatabase({ url: serverUrl, poolSize: 1 });
  await admin.db.execute(sql.raw(`create database "${name}"`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ url: url.toString(), poolSize: 4 });
  await migrate(database);
  await seedDemoProgramme(database.db);
  return {
    url: url.toString(),
    database,
    drop: async () => {
      await database.close();
      await admin.db.execute(sql.raw(`drop database if exists "${name}" with (force)`));
      await admin.close();
    },
  };
}

/** A process of the platform, its JSON log lines kept as they come. */
export interface DrillProcess {
  name: string;
  child: ChildProcess;
  lines: Array<Record<string, unknown>>;
  /** Resolves with the first log line that `match` accepts. */
  waitForLine(
    match: (line: Record<string, unknown>) => boolean,
    timeoutMs?: number,
  ): Promise<Record<string, unknown>>;
  exited: Promise<number | null>;
  /** SIGTERM, then waits for the exit. */
  stop(): Promise<void>;
}

/** Starts `node <nodeArgs>` (a script of apps/api/src with its flags), its log lines kept as they come. */
export function startProcess(name: string, nodeArgs: string[], env: Record<string, string>): DrillProcess {
  const child = spawn(process.execPath, nodeArgs, {
    env: { ...process.env, NODE_ENV: 'development', PRETTY_LOGS: 'false', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: Array<Record<string, unknown>> = [];
  const waiters = new Set<() => void>();
  let rest = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    const parts = (rest + chunk).split('\n');
    rest = parts.pop()!;
    for (const part of parts) {
      try {
        lines.push(JSON.parse(part) as Record<string, unknown>);
      } catch {
        continue;
      }
    }
    for (const waiter of waiters) waiter();
  });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => process.stderr.write(`[${name}] ${chunk}`));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    name,
    child,
    lines,
    exited,
    waitForLine(match, timeoutMs = 30_000) {
      return new Promise((resolve, reject) => {
        const look = () => {
          const found = lines.find(match);
          if (!found) return;
          clearTimeout(timer);
          waiters.delete(look);
          resolve(found);
        };
        const timer = setTimeout(() => {
          waiters.delete(look);
          reject(new DrillFailure(`${name}: the expected log line did not come within ${timeoutMs} ms`));
        }, timeoutMs);
        waiters.add(look);
        void exited.then(() => {
          if (waiters.has(look)) {
            clearTimeout(timer);
            waiters.delete(look);
            reject(new DrillFailure(`${name} exited before the expected log line`));
          }
        });
        look();
      });
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/** The API alone (GRADING_WORKER=false): it queues submissions, separate graders take them. */
export async function startApi(databaseUrl: string, name = 'api'): Promise<DrillProcess & { url: string }> {
  const port = await freePort();
  const api = startProcess(name, ['--no-node-snapshot', path.join(SRC, 'server.ts')], {
    DATABASE_URL: databaseUrl,
    PORT: String(port),
    HOST: '127.0.0.1',
    GRADING_WORKER: 'false',
    GRADER_POOL_SIZE: '1',
    SEED_DEMO: 'false',
    LOG_LEVEL: 'info',
    WEB_BUILD_DIR: '.tmp/no-web-build',
    RATE_SUBMISSIONS_BURST: '100000',
  });
  await api.waitForLine((line) => typeof line.msg === 'string' && line.msg.startsWith('Server listening'));
  return { ...api, url: `http://127.0.0.1:${port}` };
}

/** A `pnpm start:grader` process; answers once it is ready, with its worker id. */
export async function startGrader(
  databaseUrl: string,
  name: string,
  env: Record<string, string> = {},
): Promise<DrillProcess & { workerId: string }> {
  const grader = startProcess(name, ['--no-node-snapshot', path.join(SRC, 'grader-main.ts')], {
    DATABASE_URL: databaseUrl,
    GRADER_POOL_SIZE: '1',
    LOG_LEVEL: 'info',
    // Several graders on this machine: none serves metrics (the drills read the database).
    METRICS_PORT: '0',
    ...env,
  });
  const ready = await grader.waitForLine((line) => line.msg === 'grader ready');
  return { ...grader, workerId: String(ready.workerId) };
}

/** A demo learner's session cookie. */
export async function signIn(apiUrl: string, email: string): Promise<string> {
  const response = await fetch(`${apiUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: DEMO_PASSWORD }),
  });
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith('tremplin_session='));
  if (response.status !== 200 || !cookie)
    throw new DrillFailure(`${email} cannot sign in (${response.status})`);
  return cookie.split(';')[0]!;
}

/** The programming module's code exercises, each with a solution and the score it earns. */
export async function codeExercises(database: Database) {
  const module = await findPublishedModule(database.db, 'programmation-js');
  if (!module) throw new DrillFailure('the demo module programmation-js is missing');
  const rows = await database.db
    .select({ id: schema.exercises.id, spec: schema.exercises.spec, maxScore: schema.exercises.maxScore })
    .from(schema.exercises)
    .where(and(eq(schema.exercises.moduleVersionId, module.versionId), eq(schema.exercises.kind, 'code')));
  return rows.flatMap((row) => {
    const spec = row.spec as { solution?: string };
    return spec.solution ? [{ id: row.id, solution: spec.solution, maxScore: row.maxScore }] : [];
  });
}

/** One submission to send: who, which exercise, and the score its code must earn. */
export interface PlannedSubmission {
  cookie: string;
  exerciseId: string;
  code: string;
  expectedScore: number;
  key: string;
}

/** Sends one submission; answers its id on 202, else the HTTP status (0: no answer). */
export async function submit(apiUrl: string, s: PlannedSubmission): Promise<{ status: number; id?: string }> {
  try {
    const response = await fetch(`${apiUrl}/api/exercises/${s.exerciseId}/submissions`, {
      method: 'POST',
      headers: { cookie: s.cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ idempotencyKey: s.key, code: s.code }),
    });
    const body = (await response.json().catch(() => ({}))) as { id?: string };
    return response.status === 202 && body.id ? { status: 202, id: body.id } : { status: response.status };
  } catch {
    return { status: 0 };
  }
}

/** Runs `tasks` with at most `width` at once. */
export async function inParallel<T>(items: T[], width: number, task: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) await task(items[next++]!);
    }),
  );
}

/** The queue's jobs by status. */
export async function jobCounts(database: Database): Promise<Record<string, number>> {
  const rows = await database.db
    .select({ status: schema.gradingJobs.status, n: sql<number>`count(*)::int` })
    .from(schema.gradingJobs)
    .groupBy(schema.gradingJobs.status);
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}

/** Polls until nothing is queued or running any more (or the time is up). */
export async function waitForEmptyQueue(database: Database, timeoutMs: number): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const counts = await jobCounts(database);
    if (!counts.queued && !counts.running) return;
    if (performance.now() > deadline)
      throw new DrillFailure(`the queue did not drain in ${timeoutMs} ms: ${JSON.stringify(counts)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * The checks every drill ends with: each accepted submission exists, graded with its expected score;
 * its one job is done; the queue holds nothing else; and no submission's grade was written twice
 * (the graders log `graded` once per grade they write).
 */
export async function checkAllGradedOnce(
  database: Database,
  accepted: Map<string, PlannedSubmission>,
  graders: DrillProcess[],
): Promise<void> {
  const ids = [...accepted.keys()];
  const rows: Array<{ id: string; status: string; score: number | null; jobStatus: string | null }> = [];
  for (let i = 0; i < ids.length; i += 1000) {
    rows.push(
      ...(await database.db
        .select({
          id: schema.submissions.id,
          status: schema.submissions.status,
          score: schema.submissions.score,
          jobStatus: schema.gradingJobs.status,
        })
        .from(schema.submissions)
        .leftJoin(schema.gradingJobs, eq(schema.gradingJobs.submissionId, schema.submissions.id))
        .where(inArray(schema.submissions.id, ids.slice(i, i + 1000)))),
    );
  }
  check(rows.length === ids.length, `${ids.length - rows.length} accepted submissions are missing`);
  const wrong = rows.filter(
    (r) => r.status !== 'graded' || r.score !== accepted.get(r.id)!.expectedScore || r.jobStatus !== 'done',
  );
  check(
    wrong.length === 0,
    `${wrong.length} submissions not graded as expected, e.g. ${JSON.stringify(wrong.slice(0, 3))}`,
  );
  const counts = await jobCounts(database);
  check(
    counts.done === ids.length && Object.keys(counts).length === 1,
    `the queue should hold ${ids.length} done jobs and nothing else: ${JSON.stringify(counts)}`,
  );
  const writes = new Map<string, number>();
  for (const grader of graders)
    for (const line of grader.lines)
      if (line.msg === 'graded')
        writes.set(String(line.submissionId), (writes.get(String(line.submissionId)) ?? 0) + 1);
  const twice = [...writes].filter(([, n]) => n > 1);
  check(
    twice.length === 0,
    `${twice.length} submissions were graded more than once: ${JSON.stringify(twice.slice(0, 3))}`,
  );
}

/** Plans `count` submissions spread over the learners and the exercises, each a correct solution. */
export function planSubmissions(
  cookies: string[],
  exercises: Awaited<ReturnType<typeof codeExercises>>,
  count: number,
  prefix: string,
): PlannedSubmission[] {
  return Array.from({ length: count }, (_, i) => {
    const exercise = exercises[i % exercises.length]!;
    return {
      cookie: cookies[i % cookies.length]!,
      exerciseId: exercise.id,
      code: exercise.solution,
      expectedScore: exercise.maxScore,
      key: `${prefix}-${i}-${randomBytes(4).toString('hex')}`,
    };
  });
}

export const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/**
 * Runs a drill over a fresh database: the processes it registers are stopped and the database
 * dropped whatever happens; a failure is printed and the process exits 1.
 */
export async function runDrill(
  body: (drill: DrillDatabase, processes: DrillProcess[]) => Promise<void>,
): Promise<never> {
  const drill = await createDrillDatabase(drillServerUrl());
  const processes: DrillProcess[] = [];
  let failed = false;
  try {
    await body(drill, processes);
  } catch (error) {
    failed = true;
    console.error(`drill FAILED: ${error instanceof DrillFailure ? error.message : (error as Error).stack}`);
  } finally {
    await Promise.all(processes.map((p) => p.stop()));
    await drill.drop();
  }
  process.exit(failed ? 1 : 0);
}
