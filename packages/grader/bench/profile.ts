/**
 * Where the time of one graded submission goes, phase by phase, measured in-process on the benchmark's
 * typical exercise (`node --no-node-snapshot packages/grader/bench/profile.ts`). It replays the worker's
 * steps with the same building blocks and compares with the raw isolate + context + eval + dispose cycle.
 * Isolates are disposed inline here (the worker defers that until after answering).
 */
import ivm from 'isolated-vm';
import { harnessSnapshot } from '../src/sandbox/harness-script.ts';
import { MAX_JOBS_PER_ISOLATE, lease } from '../src/sandbox/isolates.ts';
import { prepareSolution, prepareTests } from '../src/sandbox/prepare.ts';
import { hostText } from '../src/messages.ts';
import { solution, tests } from './exercise.ts';

const N = Number(process.env.PROFILE_JOBS ?? 500);
const text = hostText('fr');
harnessSnapshot();
const prepared = prepareTests(tests, 'javascript', text);
if (!prepared.ok) throw new Error(prepared.message);
const testsCode = prepared.value;
let cachedData: ivm.ExternalCopy<ArrayBuffer> | undefined;

const phases: Record<string, number> = {};
let mark = 0;
const lap = (name: string) => {
  const now = performance.now();
  phases[name] = (phases[name] ?? 0) + now - mark;
  mark = now;
};

function job(): void {
  mark = performance.now();
  const sol = prepareSolution(solution, 'javascript', text);
  if (!sol.ok) throw new Error(sol.message);
  lap('prepare solution (acorn parse, export rewrite)');
  const { isolate, context, release } = lease(64);
  lap(`fresh context (+ new isolate from the snapshot every ${MAX_JOBS_PER_ISOLATE} jobs)`);
  const control = context.global.getSync('__tremplinControl', { reference: true });
  isolate.compileScriptSync(sol.value.code, { filename: 'solution.js', lineOffset: -1 }).runSync(context);
  const script = isolate.compileScriptSync(
    testsCode.code,
    cachedData ? { cachedData } : { produceCachedData: true },
  );
  cachedData ??= (script as ivm.Script & ivm.CachedDataResult).cachedData;
  script.runSync(context);
  lap('compile solution + tests (cached data)');
  control.applySync(undefined, ['load', `fr|500|${testsCode.identifiers}`], { timeout: 1000 });
  lap('load: run solution + test file, collect, check built-ins');
  for (let done = false; !done;) {
    done = JSON.parse(control.applySync(undefined, ['step', ''], { timeout: 1000 }) as string)
      .done as boolean;
  }
  lap('run the 10 tests (one host call each)');
  release(true);
  lap(`release context, heap check (+ dispose every ${MAX_JOBS_PER_ISOLATE} jobs)`);
}

for (let i = 0; i < 50; i++) job();
for (const k of Object.keys(phases)) phases[k] = 0;
const cpu0 = process.cpuUsage();
for (let i = 0; i < N; i++) job();
const cpu = process.cpuUsage(cpu0);
let total = 0;
console.log(`phases of one graded submission (mean of ${N}, in-process, no IPC):`);
for (const [name, ms] of Object.entries(phases)) {
  total += ms;
  console.log(`${(ms / N).toFixed(3).padStart(8)} ms  ${name}`);
}
console.log(
  `${(total / N).toFixed(3).padStart(8)} ms  total wall (${((cpu.user + cpu.system) / 1000 / N).toFixed(3)} ms CPU, all threads)`,
);

let raw = 0;
for (let i = 0; i < N; i++) {
  const t = performance.now();
  const isolate = new ivm.Isolate({ memoryLimit: 64 });
  isolate.createContextSync().evalSync('1 + 1');
  isolate.dispose();
  raw += performance.now() - t;
}
console.log(
  `${(raw / N).toFixed(3).padStart(8)} ms  raw isolate + context + trivial eval + dispose (no snapshot)`,
);
