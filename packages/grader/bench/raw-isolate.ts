/**
 * Ceiling of raw isolated-vm on this machine: a new isolate + context + trivial eval (+ dispose) per job,
 * in a tight loop. Run as a child process by the benchmark (one per core); prints the count on stdout.
 */
import ivm from 'isolated-vm';

const durationMs = Number(process.argv[2] ?? 3000);
const memoryLimit = Number(process.argv[3] ?? 64);
const warmupEnd = performance.now() + 300;
while (performance.now() < warmupEnd) {
  const isolate = new ivm.Isolate({ memoryLimit });
  isolate.createContextSync().evalSync('1 + 1');
  isolate.dispose();
}
let jobs = 0;
const start = performance.now();
while (performance.now() - start < durationMs) {
  const isolate = new ivm.Isolate({ memoryLimit });
  isolate.createContextSync().evalSync('1 + 1');
  isolate.dispose();
  jobs++;
}
process.stdout.write(JSON.stringify({ jobs, ms: performance.now() - start }) + '\n');
