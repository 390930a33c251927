// A learner's history for their tutors: runs and submissions with code and results, and the
// time line of everything they did.
import { and, desc, eq, lt, sql } from 'drizzle-orm';
import type { Db } from '../../client.ts';
import { activityLog, exercises, lessons, runs, submissions } from '../../schema/index.ts';
import { submissionLate } from '../submissions.ts';

/** A learner's runs, newest first, before an instant. */
export async function listLearnerRuns(
  db: Db,
  userId: string,
  { before, limit }: { before?: Date; limit: number },
) {
  return db
    .select({
      id: runs.id,
      exerciseId: runs.exerciseId,
      exerciseTitle: exercises.title,
      code: runs.code,
      result: runs.result,
      createdAt: runs.createdAt,
    })
    .from(runs)
    .innerJoin(exercises, eq(exercises.id, runs.exerciseId))
    .where(and(eq(runs.userId, userId), before ? lt(runs.createdAt, before) : undefined))
    .orderBy(desc(runs.createdAt))
    .limit(limit);
}

function selectSubmissions(db: Db) {
  return db
    .select({
      id: submissions.id,
      userId: submissions.userId,
      exerciseId: submissions.exerciseId,
      exerciseTitle: exercises.title,
      status: submissions.status,
      score: submissions.score,
      maxScore: submissions.maxScore,
      code: submissions.code,
      answers: submissions.answers,
      results: submissions.results,
      createdAt: submissions.createdAt,
      clientCreatedAt: submissions.clientCreatedAt,
      gradedAt: submissions.gradedAt,
      late: submissionLate,
    })
    .from(submissions)
    .innerJoin(exercises, eq(exercises.id, submissions.exerciseId));
}

export type LearnerSubmissionRow = Awaited<ReturnType<typeof listLearnerSubmissions>>[number];

/** A learner's submissions, newest first, before an instant. */
export async function listLearnerSubmissions(
  db: Db,
  userId: string,
  { before, limit }: { before?: Date; limit: number },
) {
  return selectSubmissions(db)
    .where(and(eq(submissions.userId, userId), before ? lt(submissions.createdAt, before) : undefined))
    .orderBy(desc(submissions.createdAt))
    .limit(limit);
}

/** One submission of a learner (undefined when it is someone else's). */
export async function findLearnerSubmission(db: Db, userId: string, submissionId: string) {
  const [row] = await selectSubmissions(db)
    .where(and(eq(submissions.id, submissionId), eq(submissions.userId, userId)))
    .limit(1);
  return row;
}

export type LearnerTimelineRow = Awaited<ReturnType<typeof listLearnerTimeline>>[number];

/**
 * A learner's time line (runs, submissions, lessons read, reviews, help), newest first, with the
 * exercise's title and, for a lesson read, the lesson's.
 */
export async function listLearnerTimeline(
  db: Db,
  userId: string,
  { before, limit }: { before?: Date; limit: number },
) {
  return db
    .select({
      id: activityLog.id,
      kind: activityLog.kind,
      exerciseId: activityLog.exerciseId,
      exerciseTitle: exercises.title,
      lessonId: lessons.id,
      lessonTitle: lessons.title,
      data: activityLog.data,
      createdAt: activityLog.createdAt,
    })
    .from(activityLog)
    .leftJoin(exercises, eq(exercises.id, activityLog.exerciseId))
    .leftJoin(
      lessons,
      and(
        eq(activityLog.kind, 'lesson.read'),
        // Compared as text: a malformed lessonId finds no lesson rather than failing the page.
        sql`${lessons.id}::text = ${activityLog.data} ->> 'lessonId'`,
      ),
    )
    .where(and(eq(activityLog.userId, userId), before ? lt(activityLog.createdAt, before) : undefined))
    .orderBy(desc(activityLog.createdAt), desc(activityLog.id))
    .limit(limit);
}
