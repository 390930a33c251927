import { and, desc, eq, inArray, lt, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { exercises, gradingJobs, submissions, users } from '../schema/index.ts';
import { recordAudit } from './audit.ts';

/** The dead jobs (`failed`), newest first, with their learner and exercise; keyset paging on the id. */
export async function listDeadGradingJobs(db: Db, { before, limit }: { before?: number; limit: number }) {
  return db
    .select({
      id: gradingJobs.id,
      submissionId: gradingJobs.submissionId,
      attempts: gradingJobs.attempts,
      lastError: gradingJobs.lastError,
      failedAt: gradingJobs.updatedAt,
      submittedAt: submissions.createdAt,
      learner: { id: users.id, displayName: users.displayName, email: users.email },
      exercise: { id: exercises.id, title: exercises.title },
    })
    .from(gradingJobs)
    .innerJoin(submissions, eq(submissions.id, gradingJobs.submissionId))
    .innerJoin(users, eq(users.id, submissions.userId))
    .innerJoin(exercises, eq(exercises.id, submissions.exerciseId))
    .where(
      and(eq(gradingJobs.status, 'failed'), before !== undefined ? lt(gradingJobs.id, before) : undefined),
    )
    .orderBy(desc(gradingJobs.id))
    .limit(limit);
}

export interface GradingQueueDepth {
  queued: number;
  running: number;
  failed: number;
  /** Seconds since the oldest queued job was created; null when none waits. */
  oldestWaitingSeconds: number | null;
}

/**
 * How many jobs wait, run and are dead, and how long the oldest waiting one has waited, in one
 * statement (the admin's queue page, and each scrape of the metrics): finished jobs, nearly all
 * rows, are left out through the claim index's first column.
 */
export async function countGradingQueue(db: Db): Promise<GradingQueueDepth> {
  const [row] = await db
    .select({
      queued: sql<number>`(count(*) filter (where ${gradingJobs.status} = 'queued'))::int`,
      running: sql<number>`(count(*) filter (where ${gradingJobs.status} = 'running'))::int`,
      failed: sql<number>`(count(*) filter (where ${gradingJobs.status} = 'failed'))::int`,
      oldestWaitingSeconds: sql<
        number | null
      >`extract(epoch from now() - min(${gradingJobs.createdAt}) filter (where ${gradingJobs.status} = 'queued'))::float8`,
    })
    .from(gradingJobs)
    .where(inArray(gradingJobs.status, ['queued', 'running', 'failed']));
  return row ?? { queued: 0, running: 0, failed: 0, oldestWaitingSeconds: null };
}

/**
 * Puts a dead job back in the queue, to run now from its first attempt, and its submission back to
 * `queued` without its error grade; with the audit line, in one transaction. Answers what it found:
 * no such job, a job that is not dead (left alone), or the job requeued.
 */
export async function requeueDeadGradingJob(
  db: Db,
  { jobId, actorId }: { jobId: number; actorId: string },
): Promise<
  { outcome: 'missing' } | { outcome: 'not-failed' } | { outcome: 'requeued'; submissionId: string }
> {
  return db.transaction(async (tx) => {
    const [job] = await tx.select().from(gradingJobs).where(eq(gradingJobs.id, jobId)).for('update');
    if (!job) return { outcome: 'missing' };
    if (job.status !== 'failed') return { outcome: 'not-failed' };
    await tx
      .update(gradingJobs)
      .set({
        status: 'queued',
        attempts: 0,
        runAfter: sql`now()`,
        lockedBy: null,
        lockedUntil: null,
        updatedAt: sql`now()`,
      })
      .where(eq(gradingJobs.id, jobId));
    await tx
      .update(submissions)
      .set({ status: 'queued', score: null, results: null, gradedAt: null })
      .where(eq(submissions.id, job.submissionId));
    await recordAudit(tx, {
      actorId,
      action: 'grading.retry',
      subjectType: 'grading_job',
      subjectId: String(jobId),
      before: { status: 'failed', attempts: job.attempts, lastError: job.lastError },
      after: { status: 'queued', submissionId: job.submissionId },
    });
    return { outcome: 'requeued', submissionId: job.submissionId };
  });
}
