/**
 * Pool of worker processes that run the sandboxes. This module never loads isolated-vm: untrusted code
 * only runs in the workers. A worker that dies (or overruns a job by far) is replaced; its job is retried
 * once, then answered as an error.
 */
import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { DEFAULT_LIMITS, resolveCeiling, resolveLimits } from './limits.ts';
import type { ResolvedLimits } from './limits.ts';
import { HOST_TEMPLATE } from './messages.ts';
import { renderResult } from './render.ts';
import { errorResult, sandboxOutcome } from './result.ts';
import type { Job } from './sandbox/run-job.ts';
import type { GradeRequest, GradeResult, GraderPool, GraderPoolOptions } from './types.ts';
import type { JobMessage, WorkerMessage } from './worker.ts';

const WORKER = fileURLToPath(new URL('./worker.ts', import.meta.url));
/** Node flags of the workers: isolated-vm requires --no-node-snapshot. */
export const WORKER_EXEC_ARGV = ['--no-node-snapshot', '--disable-warning=ExperimentalWarning'];
const MAX_ATTEMPTS = 2;
/**
 * Jobs a worker holds at once: the one it runs and the next, already in its channel, so that it never
 * waits for this process (busy, or descheduled on a loaded machine) between two jobs. A second job is only
 * given when every worker already has one.
 */
const DEPTH = 2;
const MAX_START_FAILURES = 3;

interface Pending {
  id: number;
  job: Job;
  attempts: number;
  resolve: (result: GradeResult) => void;
}

/** What `workers()` reports about each worker process. */
export interface WorkerInfo {
  pid: number;
  ready: boolean;
  busy: boolean;
}

interface Slot {
  child: ChildProcess;
  ready: boolean;
  /** Disposing or creating an isolate after its last job: takes no job until it says `ready`. */
  tidying: boolean;
  /** The job it runs (first), then the one waiting in its channel. */
  jobs: Pending[];
  /** Kill timer of the job it runs. */
  timer: NodeJS.Timeout | null;
}

/** Checks a request before it reaches a worker (types, languages, sizes). */
export function validate(req: GradeRequest, limits: ResolvedLimits): GradeResult | null {
  const text = HOST_TEMPLATE;
  if (typeof req?.solution !== 'string' || typeof req.tests !== 'string') {
    return errorResult(text.unsupported('solution and tests must be strings'));
  }
  if (req.language !== 'javascript' && req.language !== 'typescript') {
    return errorResult(text.unsupported(`language ${String(req.language)}`));
  }
  for (const which of ['solution', 'tests'] as const) {
    const bytes = Buffer.byteLength(req[which], 'utf8');
    if (bytes > limits.maxSourceBytes) {
      return errorResult(
        text.tooLarge(which === 'solution' ? text.theSolution : text.theTests, bytes, limits.maxSourceBytes),
      );
    }
  }
  return null;
}

/** Creates a pool of `size` worker processes (default: one per core). */
export function createGraderPool(opts: GraderPoolOptions = {}): GraderPool {
  const size = Math.max(1, Math.floor(opts.size ?? availableParallelism()));
  const ceiling = resolveCeiling(opts.ceiling);
  const base = resolveLimits(opts.defaultLimits, DEFAULT_LIMITS, ceiling);
  const grace = opts.killGraceMs ?? 5000;
  const slots: Slot[] = [];
  const queue: Pending[] = [];
  let nextId = 1;
  let closed = false;
  let startFailures = 0;
  let broken = false;
  let onIdle: (() => void) | null = null;
  let pending = 0;

  function spawn(): Slot {
    const child = fork(WORKER, [], {
      execArgv: WORKER_EXEC_ARGV,
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
      serialization: 'advanced',
    });
    const slot: Slot = { child, ready: false, tidying: false, jobs: [], timer: null };
    child.on('message', (m: WorkerMessage) => onMessage(slot, m));
    child.on('exit', () => onExit(slot));
    child.on('error', () => child.kill('SIGKILL'));
    hold(slot, pending > 0);
    return slot;
  }

  // Workers keep the process alive only while jobs are pending: an idle pool never blocks the API
  // process (or the CLI) from exiting.
  function hold(slot: Slot, on: boolean): void {
    const channel = slot.child.channel as { ref?: () => void; unref?: () => void } | undefined;
    if (on) {
      slot.child.ref();
      channel?.ref?.();
    } else {
      slot.child.unref();
      channel?.unref?.();
    }
  }

  function setPending(delta: number): void {
    const before = pending > 0;
    pending += delta;
    if (before !== pending > 0) for (const slot of slots) hold(slot, pending > 0);
  }

  function onMessage(slot: Slot, m: WorkerMessage): void {
    if (m.type === 'ready') {
      slot.ready = true;
      slot.tidying = false;
      startFailures = 0;
    } else if (m.type === 'result' && slot.jobs[0]?.id === m.id) {
      const done = slot.jobs.shift()!;
      if (slot.timer) clearTimeout(slot.timer);
      slot.timer = null;
      slot.tidying = m.tidying;
      startTimer(slot);
      done.resolve(m.result);
    }
    dispatch();
  }

  // Safety net: the worker enforces the limits itself; this only catches a stuck worker. It follows the
  // running job's resolved wall limit, itself never above the ceiling.
  function startTimer(slot: Slot): void {
    const job = slot.jobs[0];
    if (!job || slot.timer) return;
    slot.timer = setTimeout(() => {
      if (slot.jobs[0] !== job) return;
      slot.jobs.shift();
      slot.timer = null;
      job.resolve(errorResult(HOST_TEMPLATE.wall(job.job.limits.wallMs)));
      slot.child.kill('SIGKILL');
    }, job.job.limits.wallMs + grace);
  }

  function onExit(slot: Slot): void {
    const index = slots.indexOf(slot);
    const [job, ...waiting] = slot.jobs;
    slot.jobs = [];
    if (slot.timer) clearTimeout(slot.timer);
    if (!slot.ready) startFailures++;
    if (index >= 0) slots.splice(index, 1);
    // Jobs waiting in its channel never started: not an attempt.
    for (const w of waiting) w.attempts--;
    queue.unshift(...waiting);
    if (job) {
      if (job.attempts < MAX_ATTEMPTS) queue.unshift(job);
      else job.resolve(errorResult(HOST_TEMPLATE.crashed));
    }
    if (!closed) {
      if (startFailures >= MAX_START_FAILURES) broken = true;
      if (!broken) slots.push(spawn());
    }
    dispatch();
  }

  function dispatch(): void {
    if (broken) {
      for (const job of queue.splice(0)) job.resolve(errorResult(HOST_TEMPLATE.crashed));
    }
    // A worker renewing its isolate says `ready` when done: a job given earlier would only wait in its
    // channel, while another worker may be free sooner.
    // Idle workers first; a second job for a busy one only when none is idle.
    for (let held = 0; held < DEPTH; held++) {
      for (const slot of slots) {
        if (!slot.ready || slot.tidying || slot.jobs.length !== held || queue.length === 0) continue;
        const job = queue.shift()!;
        job.attempts++;
        slot.jobs.push(job);
        startTimer(slot);
        const message: JobMessage = { type: 'job', id: job.id, job: job.job };
        slot.child.send(message);
      }
    }
    if (onIdle && queue.length === 0 && slots.every((s) => s.jobs.length === 0)) onIdle();
  }

  for (let i = 0; i < size; i++) slots.push(spawn());

  const pool: GraderPool & { workers(): WorkerInfo[] } = {
    size,
    /** The live workers (for monitoring and tests). */
    workers: () => slots.map((s) => ({ pid: s.child.pid ?? -1, ready: s.ready, busy: s.jobs.length > 0 })),
    grade(req: GradeRequest): Promise<GradeResult> {
      if (closed) return Promise.reject(new Error('grader pool is closed'));
      // Exercises are checked against the ceiling when authored; clamping here is the safety net.
      const limits = resolveLimits(req?.limits, base, ceiling);
      // Messages are written as keys; rendered here unless the caller renders them later.
      const shown = (result: GradeResult) => {
        opts.onOutcome?.(sandboxOutcome(result));
        return req.neutral ? result : renderResult(result, req.locale ?? 'fr');
      };
      const invalid = validate(req, limits);
      if (invalid) return Promise.resolve(shown(invalid));
      const job: Job = { solution: req.solution, tests: req.tests, language: req.language, limits };
      if (req.points) job.points = req.points;
      setPending(1);
      return new Promise<GradeResult>((resolve) => {
        const done = (result: GradeResult) => {
          setPending(-1);
          resolve(shown(result));
        };
        queue.push({ id: nextId++, job, attempts: 0, resolve: done });
        dispatch();
      });
    },
    async close(): Promise<void> {
      closed = true;
      if (queue.length > 0 || slots.some((s) => s.jobs.length > 0)) {
        await new Promise<void>((resolve) => {
          onIdle = resolve;
          dispatch();
        });
      }
      await Promise.all(
        slots.map(
          (slot) =>
            new Promise<void>((resolve) => {
              if (slot.child.exitCode !== null || slot.child.signalCode !== null) return resolve();
              hold(slot, true);
              slot.child.once('exit', () => resolve());
              slot.child.kill('SIGKILL');
            }),
        ),
      );
    },
  };
  return pool;
}
