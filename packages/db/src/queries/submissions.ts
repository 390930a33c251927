import { and, desc, eq, getTableColumns, gte, inArray, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../client.ts';
import {
  activityLog,
  exercises,
  gradingJobs,
  groupModules,
  memberships,
  moduleVersions,
  runs,
  submissions,
  users,
} from '../schema/index.ts';
import { oncePerDatabase } from './prepared.ts';

export type SubmissionRow = typeof submissions.$inferSelect;
export type GradingJobRow = typeof gradingJobs.$inferSelect;

/**
 * When a submission counts as made, for any judgement of lateness: when it was made offline if it
 * was (sent later when the link returned: an outage is not the learner's fault), else when the
 * server received it.
 */
export const submissionMadeAt = sql`coalesce(${submissions.clientCreatedAt}, ${submissions.createdAt})`;

/**
 * Whether a submission was made after the deadline its learner's group has for the submission's
 * module (false without one): for the learner's own history as for their tutors.
 */
export const submissionLate = sql<boolean>`coalesce((select ${submissionMadeAt} > gm.due_at from ${groupModules} gm
  join ${moduleVersions} mv on mv.module_id = gm.module_id
  join ${memberships} m on m.group_id = gm.group_id and m.role = 'student'
  where mv.id = ${submissions.moduleVersionId} and m.user_id = ${submissions.userId}
    and gm.due_at is not null
  order by gm.due_at limit 1), false)`;

/**
 * A CTE writing the learner's activity line for the row its statement's `inserted` CTE just wrote
 * (a Run or a submission: both have user_id, exercise_id and created_at), with `data` read from it.
 */
function activityOfInserted(db: Db, kind: 'run' | 'submission', data: SQL) {
  return db.$with('logged', {})
    .as(sql`insert into ${activityLog} (user_id, kind, exercise_id, data, created_at)
    select user_id, ${kind}, exercise_id, ${data}, created_at from inserted`);
}

/** Records a Run and the learner's activity line (its result in brief) in one statement; answers its id. */
export async function insertRun(db: Db, run: typeof runs.$inferInsert): Promise<string> {
  const inserted = db.$with('inserted', { id: runs.id }).as(db.insert(runs).values(run).returning().getSQL());
  const logged = activityOfInserted(
    db,
    'run',
    sql`jsonb_build_object('runId', id, 'passed', tests_passed, 'total', tests_total)`,
  );
  const [row] = await db.with(inserted, logged).select({ id: inserted.id }).from(inserted);
  return row!.id;
}

/** One Run, with its stored (locale-neutral) result. */
export async function findRun(db: Db, id: string) {
  const [row] = await db
    .select({ id: runs.id, userId: runs.userId, result: runs.result })
    .from(runs)
    .where(eq(runs.id, id))
    .limit(1);
  return row;
}

/**
 * Records a submission and its grading job in one statement (with `logActivity`, the learner's
 * activity line too): from here nothing can be lost, and the request waits for one round trip to the
 * database instead of a transaction's four. A repeated idempotency key answers the submission it
 * first created (and writes nothing).
 */
export async function insertSubmissionWithJob(
  db: Db,
  submission: typeof submissions.$inferInsert & { idempotencyKey: string },
  job: { priority?: number; requestId?: string; logActivity?: boolean } = {},
): Promise<{ submission: SubmissionRow; created: boolean }> {
  const inserted = db
    .$with('inserted', getTableColumns(submissions))
    .as(db.insert(submissions).values(submission).onConflictDoNothing().returning().getSQL());
  // Data-modifying CTEs run whether or not the main query reads them; each reads the new row.
  const queued = db.$with('queued', {})
    .as(sql`insert into ${gradingJobs} (submission_id, priority, request_id)
    select id, ${job.priority ?? 0}::int, ${job.requestId ?? null}::text from inserted`);
  const logged = job.logActivity
    ? [activityOfInserted(db, 'submission', sql`jsonb_build_object('submissionId', id)`)]
    : [];
  const [created] = await db
    .with(inserted, queued, ...logged)
    .select()
    .from(inserted);
  if (created) return { submission: created, created: true };
  const [existing] = await db
    .select()
    .from(submissions)
    .where(
      and(
        eq(submissions.userId, submission.userId),
        eq(submissions.idempotencyKey, submission.idempotencyKey),
      ),
    );
  return { submission: existing!, created: false };
}

export async function findSubmission(db: Db, id: string): Promise<SubmissionRow | undefined> {
  const [row] = await db.select().from(submissions).where(eq(submissions.id, id)).limit(1);
  return row;
}

/** A submission as its learner reads it: the row, and whether it was made after the deadline. */
export type OwnSubmissionRow = SubmissionRow & { late: boolean };

const ownSubmission = { ...getTableColumns(submissions), late: submissionLate };

/** One submission with its lateness, for the learner's own view (undefined: no such submission). */
export async function findOwnSubmission(db: Db, id: string): Promise<OwnSubmissionRow | undefined> {
  const [row] = await db.select(ownSubmission).from(submissions).where(eq(submissions.id, id)).limit(1);
  return row;
}

export async function listUserExerciseSubmissions(
  db: Db,
  userId: string,
  exerciseId: string,
  limit = 50,
): Promise<OwnSubmissionRow[]> {
  return db
    .select(ownSubmission)
    .from(submissions)
    .where(and(eq(submissions.userId, userId), eq(submissions.exerciseId, exerciseId)))
    .orderBy(desc(submissions.createdAt))
    .limit(limit);
}

/** Waiting jobs from which a learner counts as flooding the queue (see claimGradingJobs). */
const LIGHT_BACKLOG = 5;

/** What a job whose lease expired keeps as its last error: its worker died or hung while grading. */
export const LEASE_EXPIRED_ERROR = "le correcteur s'est arrêté pendant la correction";

/**
 * Claims up to `limit` jobs for a worker: queued ones whose time has come, and running ones whose
 * lease expired (their worker died: that attempt counts, and the death is kept as its last error).
 * SKIP LOCKED lets many workers claim side by side.
 *
 * Learners take turns: a job's turn is its learner's jobs already being graded plus its rank among
 * that learner's waiting jobs, so one learner's 50 queued jobs wait behind another's single one
 * (see docs/adr/0007-fair-use-of-the-graders.md). Priority still comes first; at the same turn a
 * learner with fewer than LIGHT_BACKLOG jobs waiting goes first, then age. Age alone would starve a
 * latecomer: the heads of earlier floods are always older, and each is at turn one again as soon as
 * the one before is graded. Floods among themselves still go by age, which takes them in turns (the
 * fewest waiting first would drain the smallest flood, then the next, one after another).
 */
export async function claimGradingJobs(
  db: Db,
  { workerId, limit, leaseMs }: { workerId: string; limit: number; leaseMs: number },
): Promise<GradingJobRow[]> {
  // Each submission queued wakes every worker to claim: the statement is built once per database.
  const claimed = await claimStatement(db).execute({ workerId, limit, leaseMs });
  return claimed.sort((a, b) => b.priority - a.priority || a.id - b.id);
}

const claimable = sql`((j.status = 'queued' and j.run_after <= now()) or (j.status = 'running' and j.locked_until < now()))`;
const claimStatement = oncePerDatabase((db) =>
  db
    .update(gradingJobs)
    .set({
      status: 'running',
      attempts: sql`attempts + 1`,
      lockedBy: sql`${sql.placeholder('workerId')}`,
      lastError: sql`case when status = 'running' then ${LEASE_EXPIRED_ERROR} else last_error end`,
      lockedUntil: sql`now() + (${sql.placeholder('leaseMs')}::int * interval '1 millisecond')`,
      updatedAt: sql`now()`,
    })
    .where(
      sql`${gradingJobs.id} in (
        with busy as (
          select s.user_id, count(*) as n
          from ${gradingJobs} j join ${submissions} s on s.id = j.submission_id
          where j.status = 'running' and j.locked_until >= now()
          group by s.user_id
        ), turns as (
          select j.id, coalesce(b.n, 0) + row_number() over (partition by s.user_id order by j.created_at, j.id) as turn,
            least(count(*) over (partition by s.user_id), ${LIGHT_BACKLOG}) as waiting
          from ${gradingJobs} j
          join ${submissions} s on s.id = j.submission_id
          left join busy b on b.user_id = s.user_id
          where ${claimable}
        )
        select j.id from ${gradingJobs} j join turns t on t.id = j.id
        where ${claimable}
        order by j.priority desc, t.turn, t.waiting, j.created_at, j.id
        limit ${sql.placeholder('limit')}
        for update of j skip locked
      )`,
    )
    .returning()
    .prepare('claim_grading_jobs'),
);

export async function markSubmissionGrading(db: Db, submissionId: string): Promise<void> {
  await db.update(submissions).set({ status: 'grading' }).where(eq(submissions.id, submissionId));
}

/**
 * Writes a grade and closes its job, in one transaction; a job another worker finished is left alone.
 * An `error` grade leaves the job dead (`failed`) with its last error, for an administrator to retry.
 */
export async function completeGrading(
  db: Db,
  {
    jobId,
    workerId,
    submissionId,
    status,
    score,
    results,
    lastError,
    now,
  }: {
    jobId: number;
    workerId: string;
    submissionId: string;
    status: 'graded' | 'error';
    score: number | null;
    results: unknown;
    lastError?: string;
    now: Date;
  },
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const closed = await tx
      .update(gradingJobs)
      .set({
        status: status === 'graded' ? 'done' : 'failed',
        lockedUntil: null,
        updatedAt: now,
        ...(lastError !== undefined ? { lastError: lastError.slice(0, 2000) } : {}),
      })
      .where(
        and(eq(gradingJobs.id, jobId), eq(gradingJobs.lockedBy, workerId), eq(gradingJobs.status, 'running')),
      )
      .returning({ id: gradingJobs.id });
    if (closed.length === 0) return false;
    await tx
      .update(submissions)
      .set({ status, score, results, gradedAt: now })
      .where(eq(submissions.id, submissionId));
    return true;
  });
}

/**
 * Puts a job back in the queue after a failed attempt, to run after `delayMs`; only its lease
 * holder can (a job another worker took over after the lease expired is left to that one).
 */
export async function retryGradingJob(
  db: Db,
  { jobId, workerId, error, delayMs }: { jobId: number; workerId: string; error: string; delayMs: number },
): Promise<void> {
  await db
    .update(gradingJobs)
    .set({
      status: 'queued',
      lastError: error.slice(0, 2000),
      lockedBy: null,
      lockedUntil: null,
      runAfter: sql`now() + (${delayMs}::int * interval '1 millisecond')`,
      updatedAt: sql`now()`,
    })
    .where(
      and(eq(gradingJobs.id, jobId), eq(gradingJobs.lockedBy, workerId), eq(gradingJobs.status, 'running')),
    );
}

export async function countPendingJobs(db: Db): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(gradingJobs)
    .where(inArray(gradingJobs.status, ['queued', 'running']));
  return row?.n ?? 0;
}

export interface BestScoreRow {
  exerciseId: string;
  bestScore: number | null;
  attempts: number;
}

/** Per exercise: the best graded score and the number of submissions (each counted once). */
export async function listBestScores(db: Db, userId: string, exerciseIds: string[]): Promise<BestScoreRow[]> {
  if (exerciseIds.length === 0) return [];
  return db
    .select({
      exerciseId: submissions.exerciseId,
      bestScore: sql<
        number | null
      >`max(${submissions.score}) filter (where ${submissions.status} = 'graded')`,
      attempts: sql<number>`count(*)::int`,
    })
    .from(submissions)
    .where(and(eq(submissions.userId, userId), inArray(submissions.exerciseId, exerciseIds)))
    .groupBy(submissions.exerciseId);
}

/** The user's latest submissions, newest first, with their exercise's title. */
export async function listRecentSubmissions(db: Db, userId: string, limit: number) {
  return db
    .select({
      submissionId: submissions.id,
      exerciseId: submissions.exerciseId,
      exerciseTitle: exercises.title,
      score: submissions.score,
      maxScore: submissions.maxScore,
      status: submissions.status,
      createdAt: submissions.createdAt,
    })
    .from(submissions)
    .innerJoin(exercises, eq(exercises.id, submissions.exerciseId))
    .where(eq(submissions.userId, userId))
    .orderBy(desc(submissions.createdAt))
    .limit(limit);
}

const logStatement = oncePerDatabase((db) =>
  db
    .insert(activityLog)
    .values({
      userId: sql.placeholder('userId'),
      groupId: sql.placeholder('groupId'),
      kind: sql.placeholder('kind'),
      exerciseId: sql.placeholder('exerciseId'),
      data: sql.placeholder('data'),
      // The database's clock unless the caller's time is given (ISO 8601: it is cast, not encoded).
      createdAt: sql`coalesce(${sql.placeholder('createdAt')}::timestamptz, now())`,
    })
    .prepare('log_activity'),
);

/** One line of a learner's activity log. */
export async function logActivity(
  db: Db,
  entry: {
    userId: string;
    kind: string;
    groupId?: string | null;
    exerciseId?: string | null;
    data?: unknown;
    createdAt?: Date;
  },
): Promise<void> {
  await logStatement(db).execute({
    userId: entry.userId,
    groupId: entry.groupId ?? null,
    kind: entry.kind,
    exerciseId: entry.exerciseId ?? null,
    data: entry.data ?? {},
    createdAt: entry.createdAt?.toISOString() ?? null,
  });
}

/** Activity per day (in UTC) since a date, oldest first; days without activity are absent. */
export async function countActivityByDay(
  db: Db,
  userId: string,
  since: Date,
): Promise<Array<{ date: string; count: number }>> {
  const day = sql<string>`to_char(${activityLog.createdAt} at time zone 'UTC', 'YYYY-MM-DD')`;
  return db
    .select({ date: day, count: sql<number>`count(*)::int` })
    .from(activityLog)
    .where(and(eq(activityLog.userId, userId), gte(activityLog.createdAt, since)))
    .groupBy(day)
    .orderBy(day);
}

/** What a grader needs for one submission: it, its exercise and its author's language. */
export async function findSubmissionForGrading(db: Db, submissionId: string) {
  const [row] = await db
    .select({ submission: submissions, exercise: exercises, locale: users.locale })
    .from(submissions)
    .innerJoin(exercises, eq(exercises.id, submissions.exerciseId))
    .innerJoin(users, eq(users.id, submissions.userId))
    .where(eq(submissions.id, submissionId))
    .limit(1);
  return row;
}
