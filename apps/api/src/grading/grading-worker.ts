import { randomUUID } from 'node:crypto';
import type { Answer, StoredGradeOutcome } from '@tremplin/contracts';
import type { FullSpec } from '@tremplin/content';
import {
  claimGradingJobs,
  completeGrading,
  findSubmissionForGrading,
  isDatabaseUnavailable,
  LEASE_EXPIRED_ERROR,
  markSubmissionGrading,
  retryGradingJob,
  type Db,
  type GradingJobRow,
} from '@tremplin/db';
import type { GraderPool } from '@tremplin/grader';
import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../config.ts';
import type { GradingMetrics } from '../metrics/metrics.ts';
import type { EventBus } from './events.ts';
import { gradingMessage } from './feedback.ts';
import { raiseMachineFlags } from './flag-sources.ts';
import { gradeCode, gradeEnglish } from './grade-exercise.ts';

/** A submission as a grader reads it, with its exercise. */
type GradingInput = NonNullable<Awaited<ReturnType<typeof findSubmissionForGrading>>>;

export interface GradingWorkerOptions {
  db: Db;
  pool: GraderPool;
  bus: EventBus;
  log: FastifyBaseLogger;
  metrics?: GradingMetrics;
  /** Jobs graded at once (default: twice the pool's processes, so each has one waiting). */
  concurrency?: number;
  /** A claimed job whose worker says nothing for this long is taken again by another. */
  leaseMs?: number;
  /** How often to look for jobs when nobody signalled one. */
  pollMs?: number;
  /** Attempts (failed or cut by an expired lease) before the job is dead and the submission `error`. */
  maxAttempts?: number;
  /** The wait before the first retry, multiplied by four at each further one, up to `retryCapMs`. */
  retryBaseMs?: number;
  retryCapMs?: number;
  /** A number in [0, 1) that spreads the retries (tests fix it). */
  random?: () => number;
}

/**
 * After a claim that left the queue empty, the next waits until this long after it began: the
 * submissions queued meanwhile are claimed together. Under a steady trickle (a class submitting at
 * once, every instance's worker woken by each submission) that is at most one claim per gap and
 * worker instead of one per submission, for a wait of at most this long; a claim after a quiet
 * moment, or while a backlog fills the worker, does not wait.
 */
export const CLAIM_GAP_MS = 20;

/** The lease and the attempts the configuration sets, for the embedded worker and `pnpm start:grader`. */
export function workerLimits(config: Config): Pick<GradingWorkerOptions, 'leaseMs' | 'maxAttempts'> {
  return { leaseMs: config.grading.leaseSeconds * 1000, maxAttempts: config.grading.maxAttempts };
}

/**
 * How long a job waits after its `attempt`-th failure: 1 s, 4 s, 16 s … up to the cap, each within
 * ±20 % so that jobs failing together (a pool restarting) do not all come back at the same instant.
 */
export function retryDelayMs(
  attempt: number,
  { baseMs, capMs, random }: { baseMs: number; capMs: number; random: () => number },
): number {
  const nominal = Math.min(capMs, baseMs * 4 ** Math.max(0, attempt - 1));
  return Math.round(nominal * (0.8 + 0.4 * random()));
}

/**
 * Takes submissions off the durable queue and grades them: code in the sandbox pool, English
 * answers against the exercise version's key. A crash leaves the job to be claimed again once its
 * lease expires, so each submission ends graded exactly once in effect.
 */
export class GradingWorker {
  readonly id = `worker-${randomUUID().slice(0, 8)}`;
  readonly #o: Required<Omit<GradingWorkerOptions, 'metrics'>>;
  readonly #metrics: GradingMetrics | undefined;
  readonly #inFlight = new Set<Promise<void>>();
  #running = false;
  #wake: (() => void) | undefined;
  /**
   * Jobs may be waiting that this worker has not looked for: a submission was queued since its last
   * claim began, or that claim took all it had room for. A job finishing looks again only then, so
   * that graders do not claim after every job and find nothing; the poll covers the rest.
   */
  #mayHaveMore = true;
  /** When the last claim that left the queue empty began (`performance.now()`). */
  #drainedAt = Number.NEGATIVE_INFINITY;
  #loop: Promise<void> | undefined;
  #unsubscribe: (() => void) | undefined;

  constructor({ metrics, ...options }: GradingWorkerOptions) {
    this.#o = {
      concurrency: Math.max(2, options.pool.size * 2),
      leaseMs: 60_000,
      pollMs: 1_000,
      maxAttempts: 3,
      retryBaseMs: 1_000,
      retryCapMs: 5 * 60_000,
      random: Math.random,
      ...options,
    };
    this.#metrics = metrics;
  }

  /**
   * Starts draining the queue. A submission queued anywhere (this process, or another instance
   * through a shared bus) wakes the worker at once; `pollMs` only bounds the wait for what no event
   * announces (a retry's backoff ending, an event lost).
   */
  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#unsubscribe = this.#o.bus.subscribe((event) => {
      if (event.type === 'submission.queued') this.wake();
    });
    this.#loop = this.#run();
  }

  /** Looks for jobs now (a submission was just queued). */
  wake(): void {
    this.#mayHaveMore = true;
    this.#wake?.();
  }

  /** Stops claiming and waits for the jobs in hand. */
  async stop(): Promise<void> {
    this.#running = false;
    this.#unsubscribe?.();
    this.wake();
    await this.#loop;
    await Promise.allSettled([...this.#inFlight]);
  }

  async #run(): Promise<void> {
    while (this.#running) {
      // The event that woke the worker may also have changed tutors' tiles, whose frames leave at
      // the end of this turn of the event loop: the claim's work comes after them.
      if (this.#mayHaveMore) await new Promise((resolve) => setImmediate(resolve));
      const gap = this.#drainedAt + CLAIM_GAP_MS - performance.now();
      if (this.#mayHaveMore && gap > 0) await new Promise((resolve) => setTimeout(resolve, gap));
      const room = this.#o.concurrency - this.#inFlight.size;
      if (this.#running && room > 0 && this.#mayHaveMore) {
        this.#mayHaveMore = false;
        const startedAt = performance.now();
        let claimed: GradingJobRow[] = [];
        try {
          claimed = await claimGradingJobs(this.#o.db, {
            workerId: this.id,
            limit: room,
            leaseMs: this.#o.leaseMs,
          });
        } catch (error) {
          this.#o.log.warn({ err: error }, 'cannot claim grading jobs');
        }
        if (claimed.length === room) this.#mayHaveMore = true;
        this.#drainedAt = claimed.length < room ? startedAt : Number.NEGATIVE_INFINITY;
        for (const job of claimed) {
          const task = this.#process(job).finally(() => {
            this.#inFlight.delete(task);
            if (this.#mayHaveMore) this.#wake?.();
          });
          this.#inFlight.add(task);
        }
      }
      await this.#idle();
    }
  }

  /**
   * Waits for a reason to claim: a submission queued (or one queued while it was claiming), room
   * again while jobs may be waiting, or the poll, which looks for what no event announces.
   */
  #idle(): Promise<void> {
    if (this.#mayHaveMore && this.#inFlight.size < this.#o.concurrency) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.#mayHaveMore = true;
        done();
      }, this.#o.pollMs);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.#wake = done;
    });
  }

  /** A job's lines carry the request that queued it: one grep follows a submission to its grade. */
  #jobLog(job: GradingJobRow): FastifyBaseLogger {
    return this.#o.log.child({
      ...(job.requestId ? { reqId: job.requestId } : {}),
      jobId: job.id,
      submissionId: job.submissionId,
    });
  }

  async #process(job: GradingJobRow): Promise<void> {
    const { db } = this.#o;
    const metrics = this.#metrics;
    const log = this.#jobLog(job);
    const started = performance.now();
    // Both times are the database's (queued, claimed by this attempt), whatever this machine's clock says.
    if (job.attempts === 1) {
      metrics?.queueWait.observe((job.updatedAt.getTime() - job.createdAt.getTime()) / 1000);
    }
    let found: GradingInput | undefined = undefined;
    try {
      found = await findSubmissionForGrading(db, job.submissionId);
      if (!found) return;
      // Its last attempt's worker died: the job is claimed only to be laid to rest.
      if (job.attempts > this.#o.maxAttempts) {
        await this.#deadLetter(job, found, job.lastError ?? LEASE_EXPIRED_ERROR);
        return;
      }
      const { submission, exercise } = found;
      await markSubmissionGrading(db, submission.id);
      const spec = exercise.spec as FullSpec;
      const graded =
        spec.kind === 'code'
          ? await gradeCode(this.#o.pool, spec, submission.code ?? '', { includeHidden: true })
          : gradeEnglish(spec, submission.answers as Answer, { hint: exercise.hint });
      const score = Math.round(graded.share * submission.maxScore * 1000) / 1000;
      if (await this.#finish(job, submission, exercise, 'graded', score, graded.result)) {
        const ms = performance.now() - started;
        metrics?.duration.observe({ kind: spec.kind === 'code' ? 'code' : 'answer' }, ms / 1000);
        log.info({ ms: Math.round(ms), score }, 'graded');
      }
    } catch (error) {
      // The database is away: the lease expires and the job comes back, that attempt counted.
      if (isDatabaseUnavailable(error)) {
        log.error({ err: error }, 'grading failed: the database is unavailable');
        return;
      }
      const message = String((error as Error)?.message ?? error);
      const last = job.attempts >= this.#o.maxAttempts;
      log.error(
        { err: error, attempts: job.attempts },
        last ? 'grading failed for good' : 'grading failed; the job will be retried',
      );
      await (
        last && found
          ? this.#deadLetter(job, found, message)
          : retryGradingJob(db, {
              jobId: job.id,
              workerId: this.id,
              error: message,
              delayMs: retryDelayMs(job.attempts, {
                baseMs: this.#o.retryBaseMs,
                capMs: this.#o.retryCapMs,
                random: this.#o.random,
              }),
            })
      ).catch((cause: unknown) => log.error({ err: cause }, 'cannot record the failed attempt'));
    }
  }

  /** The job is dead: the submission ends in `error`, flagged for a grader, as the learner is told. */
  async #deadLetter(
    job: GradingJobRow,
    { submission, exercise }: GradingInput,
    lastError: string,
  ): Promise<void> {
    await this.#finish(
      job,
      submission,
      exercise,
      'error',
      null,
      { kind: 'answers', status: 'fail', items: [], needsReview: true, feedback: gradingMessage('failed') },
      lastError,
    );
  }

  async #finish(
    job: GradingJobRow,
    submission: { id: string; userId: string; exerciseId: string; maxScore: number; code: string | null },
    exercise: { kind: string; slug: string; moduleVersionId: string; spec: unknown },
    status: 'graded' | 'error',
    score: number | null,
    result: StoredGradeOutcome,
    lastError?: string,
  ): Promise<boolean> {
    const done = await completeGrading(this.#o.db, {
      jobId: job.id,
      workerId: this.id,
      submissionId: submission.id,
      status,
      score,
      results: result,
      ...(lastError !== undefined ? { lastError } : {}),
      now: new Date(),
    });
    if (!done) return false;
    // Before the grade goes out, so that whoever follows it finds the flags in place; a failing
    // source is logged and never undoes nor delays the grade further.
    await raiseMachineFlags(this.#o.db, {
      submission,
      exercise: { ...exercise, spec: exercise.spec as FullSpec },
      status,
      score,
      result,
      now: new Date(),
    }).catch((error: unknown) => this.#jobLog(job).error({ err: error }, 'cannot raise machine flags'));
    this.#o.bus.publish({
      type: 'submission.graded',
      submissionId: submission.id,
      userId: submission.userId,
      exerciseId: submission.exerciseId,
      status,
      score,
      maxScore: submission.maxScore,
      passed: result.kind === 'code' ? result.passed : null,
      total: result.kind === 'code' ? result.total : null,
    });
    return true;
  }
}
