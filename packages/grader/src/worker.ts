/**
 * Worker process entry (started by the pool with --no-node-snapshot). It is the only place isolated-vm is
 * loaded; it grades one job at a time and answers over the IPC channel.
 */
import { harnessSnapshot } from './sandbox/harness-script.ts';
import { deferCleanupToIdle, tidy, tidyIsHeavy } from './sandbox/isolates.ts';
import { runJob } from './sandbox/run-job.ts';
import type { Job } from './sandbox/run-job.ts';
import { errorResult } from './result.ts';
import { HOST_TEMPLATE } from './messages.ts';
import type { GradeResult } from './types.ts';
import { DEFAULT_LIMITS } from './limits.ts';

export interface JobMessage {
  type: 'job';
  id: number;
  job: Job;
}
/**
 * `tidying`: the worker disposes or creates an isolate before it can start the next job quickly, and
 * says `ready` again once done, so that the pool gives the next job to another worker if one is free.
 */
export type WorkerMessage =
  { type: 'ready' } | { type: 'result'; id: number; result: GradeResult; tidying: boolean };

function send(message: WorkerMessage): void {
  process.send?.(message);
}

// Building the snapshot up front keeps the first job as fast as the others.
harnessSnapshot();
// Isolates are disposed, and the next context created, after the answer is sent: off the job's latency.
deferCleanupToIdle(true);
let memoryMb = DEFAULT_LIMITS.memoryMb;
tidy(memoryMb);

process.on('message', (message: JobMessage) => {
  if (message?.type !== 'job') return;
  let result: GradeResult;
  try {
    result = runJob(message.job);
  } catch (e) {
    process.stderr.write(`grader worker: internal error: ${(e as Error)?.stack ?? String(e)}\n`);
    result = errorResult(HOST_TEMPLATE.crashed);
  }
  memoryMb = message.job.limits.memoryMb;
  const tidying = tidyIsHeavy(memoryMb);
  send({ type: 'result', id: message.id, result, tidying });
  setImmediate(() => {
    tidy(memoryMb);
    if (tidying) send({ type: 'ready' });
  });
});

// The pool closing (or dying) closes the channel: nothing else keeps this process alive.
process.on('disconnect', () => process.exit(0));
send({ type: 'ready' });
