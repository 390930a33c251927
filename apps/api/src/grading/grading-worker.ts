import { randomUUID } from 'node:crypto';
import type { Answer, StoredGradeOutcome } from '@tremplin/contracts';
import type { FullSpec } from '@tremplin/content';
import {
  claimGradingJobs,
  completeGrading,
  findSubmissionForGrading,
  isDatabaseUnavailable,
  markSubmissionGrading,
  retryGradingJob,
  type Db,
  type GradingJobRow,
} from '@tremplin/db';
import type { GraderPool } from '@tremplin/grader';
import type { FastifyBaseLogger } from 'fastify';
import type { EventBus } from './events.ts';
import { gradingMessage } from './feedback.ts';
import { raiseMachineFlags } from './flag-sources.ts';
import { gradeCode, gradeEnglish } from './grade-exercise.ts';

export interface GradingWorkerOptions {
  db: Db;
  pool: GraderPool;
  bus: EventBus;
  log: FastifyBaseLogger;
  /** Jobs graded at once (default: twice the pool's processes, so each has one waiting). */
  concurrency?: number;
  /** A claimed job whose worker says nothing for this long is taken again by another. */
  leaseMs?: number;
  /** How often to look for jobs when nobody signalled one. */
  pollMs?: number;
  maxAttempts?: number;
}

/**
 * Takes submissions off the durable queue and grades them: code in the sandbox pool, English
 * answers against the exercise version's key. A crash leaves the job to be claimed again once its
 * lease expires, so each submission ends graded exactly once in effect.
 */
export class GradingWorker {
  readonly id = `worker-${randomUUID().slice(0, 8)}`;
  readonly #o: Required<GradingWorkerOptions>;
  readonly #inFlight = new Set<Promise<void>>();
  #running = false;
  #wake: (() => void) | undefined;
  #loop: Promise<void> | undefined;

  constructor(options: GradingWorkerOptions) {
    this.#o = {
      concurrency: Math.max(2, options.pool.size * 2),
      leaseMs: 60_000,
      pollMs: 1_000,
      maxAttempts: 3,
      ...options,
    };
  }

  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#loop = this.#run();
  }

  /** Looks for jobs now (a submission was just queued). */
  wake(): void {
    this.#wake?.();
  }

  /** Stops claiming and waits for the jobs in hand. */
  async stop(): Promise<void> {
    this.#running = false;
    this.wake();
    await this.#loop;
    await Promise.allSettled([...this.#inFlight]);
  }

  async #run(): Promise<void> {
    while (this.#running) {
      const room = this.#o.concurrency - this.#inFlight.size;
      let claimed: GradingJobRow[] = [];
      if (room > 0) {
        try {
          claimed = await claimGradingJobs(this.#o.db, {
            workerId: this.id,
            limit: room,
            leaseMs: this.#o.leaseMs,
          });
        } catch (error) {
          this.#o.log.warn({ err: error }, 'cannot claim grading jobs');
        }
      }
      for (const job of claimed) {
        const task = this.#process(job).finally(() => {
          this.#inFlight.delete(task);
          this.wake();
        });
        this.#inFlight.add(task);
      }
      if (claimed.length === 0 || this.#inFlight.size >= this.#o.concurrency) await this.#idle();
    }
  }

  #idle(): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, this.#o.pollMs);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.#wake = done;
    });
  }

  async #process(job: GradingJobRow): Promise<void> {
    const { db, log } = this.#o;
    const started = performance.now();
    try {
      const found = await findSubmissionForGrading(db, job.submissionId);
      if (!found) return;
      const { submission, exercise } = found;
      if (job.attempts > this.#o.maxAttempts) {
        await this.#finish(job, submission, exercise.kind, 'error', null, {
          kind: 'answers',
          status: 'fail',
          items: [],
          needsReview: true,
          feedback: gradingMessage('failed'),
        });
        return;
      }
      await markSubmissionGrading(db, submission.id);
      const spec = exercise.spec as FullSpec;
      const graded =
        spec.kind === 'code'
          ? await gradeCode(this.#o.pool, spec, submission.code ?? '', { includeHidden: true })
          : gradeEnglish(spec, submission.answers as Answer, { hint: exercise.hint });
      const score = Math.round(graded.share * submission.maxScore * 1000) / 1000;
      await this.#finish(job, submission, exercise.kind, 'graded', score, graded.result);
      log.info({ submissionId: submission.id, ms: Math.round(performance.now() - started), score }, 'graded');
    } catch (error) {
      log.error({ err: error, jobId: job.id }, 'grading failed; the job will be retried');
      if (!isDatabaseUnavailable(error)) {
        await retryGradingJob(
          db,
          job.id,
          String((error as Error)?.message ?? error),
          1000 * job.attempts,
        ).catch(() => {});
      }
    }
  }

  async #finish(
    job: GradingJobRow,
    submission: { id: string; userId: string; exerciseId: string; maxScore: number; code: string | null },
    exerciseKind: string,
    status: 'graded' | 'error',
    score: number | null,
    result: StoredGradeOutcome,
  ): Promise<void> {
    const done = await completeGrading(this.#o.db, {
      jobId: job.id,
      workerId: this.id,
      submissionId: submission.id,
      status,
      score,
      results: result,
      now: new Date(),
    });
    if (!done) return;
    // Before the grade goes out, so that whoever follows it finds the flags in place; a failing
    // source is logged and never undoes nor delays the grade further.
    await raiseMachineFlags(this.#o.db, {
      submission,
      exerciseKind,
      status,
      score,
      result,
      now: new Date(),
    }).catch((error: unknown) =>
      this.#o.log.error({ err: error, submissionId: submission.id }, 'cannot raise machine flags'),
    );
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
  }
}
