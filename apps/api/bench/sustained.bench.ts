// The sustained part of `pnpm bench:grader`: 5,000 ordinary submissions through one long-lived server.
// Migrates an embedded database in a temporary directory and seeds the demo programme into it (what
// `pnpm start` does with SEED_DEMO), then starts the real app on it (fairness-server.ts: buildApp, its
// grader pool and grading worker) in a process of its own, signs the demo learner etudiant1 in, and submits code to
// the demo exercise `somme` over HTTP: half correct solutions, half wrong ones, each source different
// (four ways to write each, and the submission's number in a comment). Every submission is polled until
// graded, and its score checked against the one its variant must get (6 tests, 3 visible and 3 hidden).
// The server's RSS and its grader workers' (its child processes; VmRSS of /proc/<pid>/status) are sampled every 500
// submissions, the server's after a full garbage collection (it runs with --expose-gc for that alone): a
// leak survives a collection, while garbage only shows how far V8 let its heap grow before its next
// major collection (on this workload about 320 MB, some 2,000 submissions in). Each sample also says
// where the server's memory is: its JavaScript heap, V8's malloc'ed memory, memory outside the heap
// held by JavaScript objects, and the embedded database's WebAssembly memory (resident, from
// /proc/<pid>/smaps). PASS when all are graded with the expected score and RSS is flat: the higher of the last two
// samples at most 10 % above the higher of the samples after 500 and 1,000 submissions, for the server and
// for the workers' sum (peaks against peaks: a garbage-collected heap moves up and down between samples, a
// leak of even 100 KB per submission would add 400 MB between the two windows).
//
// BENCH_SUBMISSIONS (5000), BENCH_IN_FLIGHT (16 submissions at once), BENCH_SAMPLE_EVERY (500).
// The fair-use limits are lifted for the learner with RATE_LIMITS=false, their defaults untouched.
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { DEMO_PASSWORD, DEMO_STUDENTS, migrate, openDatabase, schema, seedDemoProgramme } from '@tremplin/db';
import { eq } from 'drizzle-orm';
import { SERVER_ENVIRONMENT, SERVER_NODE_FLAGS } from '../src/server-flags.ts';
import { familyOf, nextMessage, rssKb, wasmMemoryKb } from './proc.ts';

const env = process.env;
const TOTAL = Number(env.BENCH_SUBMISSIONS ?? 5000);
const IN_FLIGHT = Number(env.BENCH_IN_FLIGHT ?? 16);
const SAMPLE_EVERY = Number(env.BENCH_SAMPLE_EVERY ?? 500);
/** RSS flat: the late peak (last two samples) within this share above the early one (after 500 and 1,000). */
const FLAT = 0.1;
const TESTS = 6;

/** Solutions of `somme` and how many of its 6 tests each passes. */
const VARIANTS: { code: (n: number) => string; passed: number }[] = [
  {
    code: (n) =>
      `// soumission ${n}\nexport function somme(nombres) {\n  let total = 0;\n  for (const x of nombres) total += x;\n  return total;\n}\n`,
    passed: 6,
  },
  {
    code: (n) =>
      `export function somme(nombres) {\n  return nombres.reduce((a, b) => a + b, 0); // ${n}\n}\n`,
    passed: 6,
  },
  {
    code: (n) =>
      `export function somme(t) {\n  let s = 0;\n  for (let i = 0; i < t.length; i++) s = s + t[i];\n  return s;\n}\n// ${n}\n`,
    passed: 6,
  },
  {
    code: (n) =>
      `export const somme = (t) => {\n  let s = 0, i = t.length;\n  while (i--) s += t[i];\n  return s + ${n} - ${n};\n};\n`,
    passed: 6,
  },
  // Wrong: counts the numbers (only the empty array passes).
  {
    code: (n) => `// essai ${n}\nexport function somme(nombres) {\n  return nombres.length;\n}\n`,
    passed: 1,
  },
  // Wrong: always 0 (the empty array and [10, -4, -6] pass).
  { code: (n) => `export function somme(nombres) {\n  return 0 * ${n};\n}\n`, passed: 2 },
  // Wrong: forgets the last number (the empty array passes).
  {
    code: (n) =>
      `export function somme(t) {\n  return t.slice(0, -1).reduce((a, b) => a + b, 0); // ${n}\n}\n`,
    passed: 1,
  },
  // Wrong: starts from 1 (no test passes).
  {
    code: (n) => `export function somme(t) {\n  return t.reduce((a, b) => a + b, 1); // ${n}\n}\n`,
    passed: 0,
  },
];

interface Sample {
  submissions: number;
  serverKb: number;
  /** Of the server's RSS, the embedded database's WebAssembly memory. */
  databaseKb: number;
  /** The server's JavaScript heap (committed), V8's malloc'ed memory, and memory held by JavaScript objects outside the heap. */
  heapKb: number;
  mallocedKb: number;
  externalKb: number;
  workersKb: number;
  workers: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const dataDir = mkdtempSync(path.join(tmpdir(), 'tremplin-bench-sustained-'));
const database = await openDatabase({ dataDir });
await migrate(database);
await seedDemoProgramme(database.db);
const [exercise] = await database.db
  .select({ id: schema.exercises.id })
  .from(schema.exercises)
  .where(eq(schema.exercises.slug, 'somme'))
  .limit(1);
await database.close();
if (!exercise) throw new Error('the demo exercise somme is missing');
const exerciseId = exercise.id;
const server = fork(path.join(import.meta.dirname, 'fairness-server.ts'), [dataDir], {
  // The server's production flags (its young generation's size) and environment.
  execArgv: [...SERVER_NODE_FLAGS, '--expose-gc'],
  env: { ...env, ...SERVER_ENVIRONMENT, RATE_LIMITS: 'false' },
  stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
});
try {
  const port = await new Promise<number>((resolve, reject) => {
    server.once('exit', (code) => reject(new Error(`the server exited (${code})`)));
    server.on('message', (m: { type: string; port: number }) => m.type === 'ready' && resolve(m.port));
  });
  const base = `http://127.0.0.1:${port}`;
  const email = DEMO_STUDENTS.lome[0]!.email;
  const login = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: DEMO_PASSWORD }),
  });
  const session = /tremplin_session=[^;]+/.exec(login.headers.get('set-cookie') ?? '')?.[0];
  if (login.status !== 200 || !session) throw new Error(`sign-in of ${email} failed (${login.status})`);
  const cookie: string = session;
  const headers = { cookie, 'content-type': 'application/json' };

  const samples: Sample[] = [];
  const mb = (kb: number) => (kb / 1024).toFixed(1);
  const sample = async (submissions: number) => {
    // The server's descendants: its grader pool's workers.
    const pids = familyOf(server.pid!).slice(1);
    const asked = nextMessage<{ heapKb: number; mallocedKb: number; externalKb: number }>(server, 'memory');
    server.send({ type: 'memory' });
    const { heapKb, mallocedKb, externalKb } = await asked;
    const s = {
      submissions,
      heapKb,
      mallocedKb,
      externalKb,
      serverKb: rssKb(server.pid!),
      databaseKb: wasmMemoryKb(server.pid!),
      workersKb: pids.reduce((sum, pid) => sum + rssKb(pid), 0),
      workers: pids.length,
    };
    samples.push(s);
    console.log(
      `after ${String(submissions).padStart(5)}: server RSS ${mb(s.serverKb)} MB ` +
        `(heap ${mb(s.heapKb)}, V8 malloc ${mb(s.mallocedKb)}, external ${mb(s.externalKb)}, embedded database ${mb(s.databaseKb)} MB), ` +
        `${s.workers} grader workers ${mb(s.workersKb)} MB`,
    );
  };

  /** Submits one solution and waits for its grade; returns a problem, or null when the score is right. */
  async function submitAndCheck(n: number): Promise<string | null> {
    const variant = VARIANTS[n % VARIANTS.length]!;
    const response = await fetch(`${base}/api/exercises/${exerciseId}/submissions`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ idempotencyKey: `sustained-${n}-${exerciseId}`, code: variant.code(n) }),
    });
    const accepted = (await response.json()) as { id?: string };
    if (response.status !== 202 || !accepted.id) return `#${n}: submit answered ${response.status}`;
    for (let wait = 5; ; wait = Math.min(wait * 2, 100)) {
      await sleep(wait);
      const polled = await fetch(`${base}/api/submissions/${accepted.id}`, { headers: { cookie } });
      const s = (await polled.json()) as {
        status: string;
        score: number | null;
        maxScore: number;
        result: { passed?: number; total?: number } | null;
      };
      if (s.status === 'queued' || s.status === 'grading') continue;
      const expected = Math.round((variant.passed / TESTS) * s.maxScore * 1000) / 1000;
      const ok =
        s.status === 'graded' &&
        s.score === expected &&
        s.result?.passed === variant.passed &&
        s.result.total === TESTS;
      return ok
        ? null
        : `#${n}: ${s.status}, score ${s.score} (expected ${expected}), ${s.result?.passed}/${s.result?.total} passed`;
    }
  }

  await sample(0);
  const started = performance.now();
  const problems: string[] = [];
  let next = 0;
  let done = 0;
  let nextSample = SAMPLE_EVERY;
  let sampling: Promise<void> = Promise.resolve();
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      while (next < TOTAL) {
        const n = next++;
        const problem = await submitAndCheck(n).catch((e: Error) => `#${n}: ${e.message}`);
        if (problem) problems.push(problem);
        done++;
        if (done >= nextSample) {
          nextSample += SAMPLE_EVERY;
          const at = done;
          sampling = sampling.then(() => sample(at));
        }
      }
    }),
  );
  await sampling;
  const seconds = (performance.now() - started) / 1000;

  const early = samples.filter((s) => s.submissions > 0 && s.submissions <= 1000);
  const late = samples.slice(-2);
  const peak = (of: Sample[], kb: (s: Sample) => number) => Math.max(...of.map(kb));
  const ratio = (kb: (s: Sample) => number) => peak(late, kb) / peak(early.length ? early : late, kb);
  const serverRatio = ratio((s) => s.serverKb);
  const workersRatio = ratio((s) => s.workersKb);
  const graded = TOTAL - problems.length;
  const flat = serverRatio <= 1 + FLAT && workersRatio <= 1 + FLAT;
  for (const p of problems.slice(0, 10)) console.log(`wrong: ${p}`);
  console.log(
    `sustained: ${graded}/${TOTAL} submissions graded with the expected score in ${seconds.toFixed(1)} s ` +
      `(${(TOTAL / seconds).toFixed(1)}/s end to end, ${IN_FLIGHT} in flight, load average ${loadavg()[0]!.toFixed(1)})`,
  );
  console.log(
    `sustained RSS, peak of the last two samples / peak after 500 and 1,000: server ${serverRatio.toFixed(3)}, ` +
      `grader workers ${workersRatio.toFixed(3)} (flat: at most ${(1 + FLAT).toFixed(2)})`,
  );
  const pass = problems.length === 0 && flat;
  console.log(
    `sustained: ${pass ? 'PASS' : 'FAIL'} (all ${TOTAL} graded correctly: ${problems.length === 0 ? 'yes' : 'no'}; RSS flat: ${flat ? 'yes' : 'no'})`,
  );
  process.exitCode = pass ? 0 : 1;
} finally {
  if (server.exitCode === null && server.signalCode === null) {
    server.send({ type: 'stop' });
    await new Promise((resolve) => server.once('exit', resolve));
  }
  rmSync(dataDir, { recursive: true, force: true });
}
