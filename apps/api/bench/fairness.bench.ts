// `pnpm bench:fairness`: can one learner slow everyone else down? Starts the real server (its grader
// pool, the embedded database) in a process of its own; 200 ordinary learners each run their code
// at a normal pace, over loopback: alone (the baseline), then beside one learner flooding the server
// with heavy runs as fast as a script can, first with the per-learner limits off, then on. Prints
// the ordinary learners' run latency p50/p95/p99 per phase and its ratio to the baseline, and
// writes them into docs/performance.md under "## Fair use of the graders".
//
// BENCH_LEARNERS (200), BENCH_PACE_SECONDS (30: one run per learner every 30 s on average),
// BENCH_SECONDS (45 per phase), BENCH_FLOOD (8 requests of the flooding learner at once),
// BENCH_HEAVY_LOOP (100000000 empty loop turns in each flooding run, about 0.1 s of a grader), GRADER_POOL_SIZE (the
// server's default: one process per core), BENCH_WRITE_DOCS (true).
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { migrate, openDatabase, schema } from '@tremplin/db';
import { eq } from 'drizzle-orm';
import { writeDocs } from './docs.ts';
import { seedBenchPeople } from './seed.ts';
import { SERVER_ENVIRONMENT, SERVER_NODE_FLAGS } from '../src/server-flags.ts';

const env = process.env;
const LEARNERS = Number(env.BENCH_LEARNERS ?? 200);
const PACE_MS = Number(env.BENCH_PACE_SECONDS ?? 30) * 1000;
const SECONDS = Number(env.BENCH_SECONDS ?? 45);
const FLOOD = Number(env.BENCH_FLOOD ?? 8);
const HEAVY_LOOP = Number(env.BENCH_HEAVY_LOOP ?? 100_000_000);
const WRITE_DOCS = (env.BENCH_WRITE_DOCS ?? 'true') !== 'false';

interface Phase {
  name: string;
  /** The server's environment beyond its defaults. */
  serverEnv: Record<string, string>;
  flood: boolean;
}

interface PhaseResult {
  name: string;
  runs: number;
  failed: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /** What the flooding learner got: HTTP status -> count. */
  flood: Record<string, number>;
  machineLoad: number;
}

const PHASES: Phase[] = [
  { name: 'baseline: ordinary learners alone', serverEnv: {}, flood: false },
  { name: 'with a flood, limits off', serverEnv: { RATE_LIMITS: 'false' }, flood: true },
  { name: 'with a flood, limits on (defaults)', serverEnv: {}, flood: true },
];

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function startServer(dataDir: string, serverEnv: Record<string, string>) {
  const server = fork(path.join(import.meta.dirname, 'fairness-server.ts'), [dataDir], {
    // The server's production flags (its young generation's size) and environment.
    execArgv: SERVER_NODE_FLAGS,
    env: { ...env, ...SERVER_ENVIRONMENT, ...serverEnv },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    server.once('exit', (code) => reject(new Error(`the server exited (${code})`)));
    server.on('message', (m: { type: string; port: number }) => m.type === 'ready' && resolve(m.port));
  });
  return {
    port,
    stop: async () => {
      server.send({ type: 'stop' });
      await new Promise((resolve) => server.once('exit', resolve));
    },
  };
}

async function measure(
  phase: Phase,
  dataDir: string,
  learners: string[],
  abuser: string,
  exercise: { id: string; solution: string },
): Promise<PhaseResult> {
  const server = await startServer(dataDir, phase.serverEnv);
  const url = `http://127.0.0.1:${server.port}/api/exercises/${exercise.id}/runs`;
  const run = (token: string, code: string) =>
    fetch(url, {
      method: 'POST',
      headers: { cookie: `tremplin_session=${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ code }),
    }).then(async (response) => {
      await response.arrayBuffer();
      return response.status;
    });
  // Warm-up: each grader process and the database's caches, outside the figures.
  for (let i = 0; i < 10; i++) await run(learners[i % learners.length]!, exercise.solution);

  const started = performance.now();
  const end = started + SECONDS * 1000;
  const latencies: number[] = [];
  let failed = 0;
  const ordinary = learners.map(async (token) => {
    // Each learner starts at a random moment, then runs about once per pace, never two at once.
    await sleep(Math.random() * PACE_MS);
    while (performance.now() < end) {
      const sent = performance.now();
      const status = await run(token, exercise.solution).catch(() => 0);
      if (status === 200) latencies.push(performance.now() - sent);
      else failed++;
      await sleep(PACE_MS * (0.5 + Math.random()));
    }
  });
  const flood: Record<string, number> = {};
  const heavy = `${exercise.solution}\nfor (let i = 0; i < ${HEAVY_LOOP}; i++) {}\n`;
  const flooders = phase.flood
    ? Array.from({ length: FLOOD }, async () => {
        while (performance.now() < end) {
          const status = await run(abuser, heavy).catch(() => 0);
          flood[status] = (flood[status] ?? 0) + 1;
        }
      })
    : [];
  await Promise.all([...ordinary, ...flooders]);
  await server.stop();

  const sorted = latencies.sort((a, b) => a - b);
  const result: PhaseResult = {
    name: phase.name,
    runs: sorted.length,
    failed,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: Math.round(sorted.at(-1) ?? 0),
    flood,
    machineLoad: Math.round(loadavg()[0]! * 10) / 10,
  };
  console.log(
    `[${phase.name}] ${result.runs} runs (${failed} failed): p50 ${result.p50} ms, p95 ${result.p95} ms, ` +
      `p99 ${result.p99} ms, max ${result.max} ms; flood ${JSON.stringify(flood)}; load ${result.machineLoad}`,
  );
  return result;
}

function report(results: PhaseResult[]): string {
  const base = results[0]!;
  const ratio = (a: number, b: number) => (b > 0 ? `${(a / b).toFixed(2)}×` : '–');
  const floodCell = (r: PhaseResult) =>
    Object.keys(r.flood).length === 0
      ? '–'
      : Object.entries(r.flood)
          .map(([status, count]) => `${count} × ${status}`)
          .join(', ');
  const lines = [
    '```sh',
    'pnpm bench:fairness   # BENCH_LEARNERS, BENCH_PACE_SECONDS, BENCH_SECONDS, BENCH_FLOOD, BENCH_HEAVY_LOOP',
    '```',
    '',
    `The real server (grader pool of ${env.GRADER_POOL_SIZE ?? availableParallelism()} processes, embedded database) in its own process; ` +
      `${LEARNERS} ordinary learners, each running the \`somme\` solution about once every ${PACE_MS / 1000} s ` +
      `(never two at once), over loopback, for ${SECONDS} s per phase. The flooding learner keeps ${FLOOD} ` +
      `requests in flight as fast as the server answers, each a run of the solution followed by ` +
      `${HEAVY_LOOP.toLocaleString('en')} empty loop turns (about a tenth of a second of a grader process). ` +
      `Latency is from sending a run to its answer, for the ordinary learners' runs only.`,
    '',
    `Result (${new Date().toISOString().slice(0, 10)}):`,
    '',
    '| phase | runs (failed) | p50 ms | p95 ms | p99 ms | max ms | p50 / p95 / p99 vs baseline | flooding learner got | load average |',
    '| --- | ---: | ---: | ---: | ---: | ---: | --- | --- | ---: |',
    ...results.map(
      (r) =>
        `| ${r.name} | ${r.runs} (${r.failed}) | ${r.p50} | ${r.p95} | ${r.p99} | ${r.max} | ` +
        `${ratio(r.p50, base.p50)} / ${ratio(r.p95, base.p95)} / ${ratio(r.p99, base.p99)} | ${floodCell(r)} | ${r.machineLoad} |`,
    ),
  ];
  const limited = results.at(-1)!;
  const met = limited.p95 <= 2 * base.p95 && limited.p99 <= 2 * base.p99 && limited.failed === 0;
  lines.push(
    '',
    `Target: with the limits on, the ordinary learners' p95 and p99 within 2× of the baseline, none failed: ` +
      `${met ? '**met**' : '**missed**'}.`,
    '',
    `${PACE_MS === 30_000 ? "Scaled down for a shared 2-core machine: a learner runs about once every 30 s, not 10 (at 10 s, 20 runs/s, the embedded database and the server's thread were saturated before any flood under the machine's other load, so the baseline itself queued). " : ''}` +
      'With the limits on, the flooding learner still gets its allowance, 10 heavy runs at once then one every 3 s, one at a time: ' +
      "each holds one of the grader processes for a tenth of a second or more, what the ordinary learners' tail pays for; " +
      `the p95 and p99 rest on some ${limited.runs} runs of a machine shared with other work.`,
  );
  return lines.join('\n');
}

const dataDir = mkdtempSync(path.join(tmpdir(), 'tremplin-bench-fairness-'));
try {
  const database = await openDatabase({ dataDir });
  await migrate(database);
  const people = await seedBenchPeople(database.db, {
    students: LEARNERS + 1,
    groups: Math.ceil(LEARNERS / 17),
  });
  const [row] = await database.db
    .select({ id: schema.exercises.id, spec: schema.exercises.spec })
    .from(schema.exercises)
    .where(eq(schema.exercises.slug, 'somme'))
    .limit(1);
  await database.close();
  const spec = row?.spec as { kind: string; solution?: string } | undefined;
  if (!row || spec?.kind !== 'code' || !spec.solution) throw new Error('the demo exercise somme is missing');
  const tokens = people.groups.flatMap((g) => g.students.map((s) => s.token));
  const abuser = tokens.pop()!;
  const results: PhaseResult[] = [];
  for (const phase of PHASES) {
    results.push(await measure(phase, dataDir, tokens, abuser, { id: row.id, solution: spec.solution }));
  }
  const body = report(results);
  console.log(`\n${body}\n`);
  if (WRITE_DOCS) await writeDocs('## Fair use of the graders', body);
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
