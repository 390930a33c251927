/**
 * The two loops the grader benchmark compares with, run as a child process (one per core); each prints
 * its count on stdout.
 * - `isolate` (the ceiling of issue 17): a new isolate + context + trivial eval (+ dispose) per job.
 * - `context` (the least a graded job costs): a fresh context from the harness snapshot + trivial eval
 *   per job, leased and released as the worker does (a new isolate every MAX_JOBS_PER_ISOLATE jobs),
 *   with nothing graded: what isolating one submission from the next costs on this machine.
 */
import ivm from 'isolated-vm';
import { harnessSnapshot } from '../src/sandbox/harness-script.ts';
import { lease } from '../src/sandbox/isolates.ts';

const durationMs = Number(process.argv[2] ?? 3000);
const memoryLimit = Number(process.argv[3] ?? 64);
const kind = process.argv[4] ?? 'isolate';

function freshIsolate(): void {
  const isolate = new ivm.Isolate({ memoryLimit });
  isolate.createContextSync().evalSync('1 + 1');
  isolate.dispose();
}

function freshContext(): void {
  const leased = lease(memoryLimit);
  leased.context.evalSync('1 + 1');
  leased.release(true);
}

if (kind !== 'isolate' && kind !== 'context') throw new Error(`unknown loop: ${kind}`);
if (kind === 'context') harnessSnapshot();
const job = kind === 'context' ? freshContext : freshIsolate;
const warmupEnd = performance.now() + 300;
while (performance.now() < warmupEnd) job();
let jobs = 0;
const start = performance.now();
while (performance.now() - start < durationMs) {
  job();
  jobs++;
}
process.stdout.write(JSON.stringify({ jobs, ms: performance.now() - start }) + '\n');
