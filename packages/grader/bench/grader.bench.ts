/**
 * `pnpm bench:grader`: graded submissions per second and p50/p99 latency of a typical exercise
 * (a solution with 10 tests) at concurrency 1, 2 and 16, and the raw isolated-vm ceiling of this machine
 * (a new isolate + context + trivial eval per job, one process per core), with the ratio between the two,
 * and what a fresh harness context alone costs (the least any graded job costs), so that the figures say
 * how much of the 2x target's time per job is left once a submission has its own context;
 * then the sustained part (apps/api/bench/sustained.bench.ts: 5,000 submissions through the real server).
 * Targets (issue 17): graded/s at concurrency 16 at least 2x the ceiling of the same run, p99 at
 * concurrency 2 at most 10 ms, and the sustained part's PASS. BENCH_SUSTAINED=false skips that part.
 */
import { execFile, fork } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { createGraderPool } from '../src/index.ts';
import { WORKER_EXEC_ARGV } from '../src/pool.ts';
import { solution, tests } from './exercise.ts';

const DURATION_MS = Number(process.env.BENCH_MS ?? 3000);
/** Rounds alternate the grader and raw runs so that background load hits both alike; medians are reported. */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const cores = availableParallelism();

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

async function measure(pool: ReturnType<typeof createGraderPool>, concurrency: number) {
  const latencies: number[] = [];
  let failures = 0;
  const start = performance.now();
  const end = start + DURATION_MS;
  const lane = async () => {
    while (performance.now() < end) {
      const t = performance.now();
      const r = await pool.grade({ solution, tests, language: 'javascript' });
      latencies.push(performance.now() - t);
      if (r.status !== 'pass') failures++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
  const elapsed = performance.now() - start;
  latencies.sort((a, b) => a - b);
  return {
    concurrency,
    perSecond: (latencies.length / elapsed) * 1000,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    jobs: latencies.length,
    failures,
  };
}

/** Jobs/s of one of `isolate-loop.ts`'s loops, one process per core. */
function loopRate(kind: 'isolate' | 'context'): Promise<number> {
  const script = fileURLToPath(new URL('./isolate-loop.ts', import.meta.url));
  const args = [...WORKER_EXEC_ARGV, script, String(DURATION_MS), '64', kind];
  const runs = Array.from(
    { length: cores },
    () =>
      new Promise<{ jobs: number; ms: number }>((resolve, reject) =>
        execFile(process.execPath, args, (e, out) =>
          e ? reject(e) : resolve(JSON.parse(out) as { jobs: number; ms: number }),
        ),
      ),
  );
  return Promise.all(runs).then((rs) => rs.reduce((sum, r) => sum + (r.jobs / r.ms) * 1000, 0));
}

const fmt = (n: number, d = 1) => n.toFixed(d).padStart(8);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const pool = createGraderPool();
console.log(
  `grader benchmark: ${cores} cores, pool of ${pool.size} workers, ${ROUNDS} rounds of ${DURATION_MS} ms per run, node ${process.version}`,
);
// Warm-up: workers start, build their snapshot, caches fill.
await Promise.all(Array.from({ length: 200 }, () => pool.grade({ solution, tests, language: 'javascript' })));
const rounds: { rows: Awaited<ReturnType<typeof measure>>[]; raw: number; context: number }[] = [];
for (let round = 0; round < ROUNDS; round++) {
  const rows = [];
  for (const c of [1, 2, 16]) rows.push(await measure(pool, c));
  // The pool idles (its workers sleep) while the raw ceiling is measured.
  const raw = await loopRate('isolate');
  const context = await loopRate('context');
  rounds.push({ rows, raw, context });
  console.log(
    `round ${round + 1}: ${rows.map((r) => `c=${r.concurrency} ${r.perSecond.toFixed(1)}/s`).join(', ')}, ` +
      `raw ${raw.toFixed(1)}/s, fresh context alone ${context.toFixed(1)}/s`,
  );
}
await pool.close();
console.log('concurrency  graded/s   p50 ms   p99 ms     jobs  failures   (medians over rounds)');
for (let i = 0; i < 3; i++) {
  const rs = rounds.map((r) => r.rows[i]!);
  const line = [
    String(rs[0]!.concurrency).padStart(11),
    fmt(median(rs.map((r) => r.perSecond))),
    fmt(median(rs.map((r) => r.p50)), 2),
    fmt(median(rs.map((r) => r.p99)), 2),
    String(rs.reduce((n, r) => n + r.jobs, 0)).padStart(8),
    String(rs.reduce((n, r) => n + r.failures, 0)).padStart(9),
  ];
  console.log(line.join(' '));
}
const raw = median(rounds.map((r) => r.raw));
console.log(
  `raw isolated-vm ceiling (new isolate + context + trivial eval, ${cores} processes): ${raw.toFixed(1)} jobs/s`,
);
for (let i = 0; i < 3; i++) {
  const paired = median(rounds.map((r) => r.rows[i]!.perSecond / r.raw));
  console.log(
    `graded/s at concurrency ${rounds[0]!.rows[i]!.concurrency} / raw ceiling (paired per round): ${paired.toFixed(2)}x`,
  );
}
const ratio = median(rounds.map((r) => r.rows[2]!.perSecond / r.raw));
const p99c2 = median(rounds.map((r) => r.rows[1]!.p99));
const failures = rounds.reduce((n, r) => n + r.rows.reduce((m, row) => m + row.failures, 0), 0);
const verdict = (ok: boolean) => (ok ? 'PASS' : 'FAIL');
const throughputOk = ratio >= 2;
const latencyOk = p99c2 <= 10;
console.log(`target graded/s at c=16 >= 2x raw ceiling: ${ratio.toFixed(2)}x ${verdict(throughputOk)}`);
// What the 2x target leaves a graded job once it has the fresh context no submission may go without, in
// machine time per job (the cores divided by jobs/s): the loops and concurrency 16 keep every core busy.
const context = median(rounds.map((r) => r.context));
const perJobMs = (perSecond: number) => (cores * 1000) / perSecond;
const budgetMs = perJobMs(2 * raw);
const contextMs = perJobMs(context);
const gradedMs = perJobMs(median(rounds.map((r) => r.rows[2]!.perSecond)));
console.log(
  `fresh harness context alone (trivial eval, nothing graded, ${cores} processes): ${context.toFixed(1)} jobs/s, ` +
    `${median(rounds.map((r) => r.context / r.raw)).toFixed(2)}x the raw ceiling`,
);
console.log(
  `machine time per job: 2x the ceiling allows ${budgetMs.toFixed(3)} ms; the fresh context takes ` +
    `${contextMs.toFixed(3)} ms, leaving ${(budgetMs - contextMs).toFixed(3)} ms for the pool, IPC, compiling, ` +
    `loading and the tests; a graded job at c=16 takes ${gradedMs.toFixed(3)} ms ` +
    `(${(gradedMs - contextMs).toFixed(3)} ms beyond its context)`,
);
// One raw job's time in one of its processes: the bare baseline of a latency.
const rawJobMs = perJobMs(raw);
console.log(
  `target p99 at c=2 <= 10 ms: ${p99c2.toFixed(2)} ms (${(p99c2 / rawJobMs).toFixed(2)}x one raw job, ` +
    `${rawJobMs.toFixed(2)} ms) ${verdict(latencyOk)}`,
);
console.log(`every submission graded as expected: ${failures} failures ${verdict(failures === 0)}`);
let sustainedOk = true;
if (process.env.BENCH_SUSTAINED !== 'false') {
  const script = fileURLToPath(new URL('../../../apps/api/bench/sustained.bench.ts', import.meta.url));
  const code = await new Promise<number | null>((resolve) =>
    fork(script, [], { stdio: 'inherit' }).once('exit', (c) => resolve(c)),
  );
  sustainedOk = code === 0;
}
const all = throughputOk && latencyOk && failures === 0 && sustainedOk;
console.log(`bench:grader: ${verdict(all)}`);
process.exitCode = all ? 0 : 1;
