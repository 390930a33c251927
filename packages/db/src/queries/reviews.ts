// The graders' queue: flags joined to what they are about (submission, exercise, module, learner,
// group, university), claims taken in one statement, decisions, and the learner's work history.
import { and, asc, desc, eq, gt, inArray, isNotNull, isNull, lte, ne, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../client.ts';
import {
  activityLog,
  drafts,
  exercises,
  flags,
  groups,
  memberships,
  moduleVersions,
  modules,
  reviews,
  runs,
  submissions,
  universities,
  users,
} from '../schema/index.ts';

const claimer = alias(users, 'claimer');
const reviewer = alias(users, 'reviewer');

export type FlagSourceValue = (typeof flags.$inferSelect)['source'];
export type ReviewDecisionValue = (typeof reviews.$inferSelect)['decision'];

export interface QueueFilter {
  view: 'open' | 'mine' | 'resolved';
  /** The reader: `mine` and the claim's owner are about them. */
  userId: string;
  now: Date;
  source?: FlagSourceValue | undefined;
  discipline?: string | undefined;
  moduleId?: string | undefined;
  exerciseSlug?: string | undefined;
  universityId?: string | undefined;
  groupId?: string | undefined;
  /** Flags created at or before this instant. */
  createdBefore?: Date | undefined;
  limit: number;
  /** Keyset: the (time as text, id) of the last item of the previous page. */
  after?: { at: string; id: string } | undefined;
}

// The learner's current group: their newest student membership.
const learnerGroupId = sql`(select m.group_id from ${memberships} m where m.user_id = ${submissions.userId} and m.role = 'student' order by m.created_at desc limit 1)`;

function flagSelection() {
  return {
    id: flags.id,
    source: flags.source,
    reason: flags.reason,
    status: flags.status,
    details: flags.details,
    similarity: flags.similarity,
    otherSubmissionId: flags.otherSubmissionId,
    createdAt: flags.createdAt,
    resolvedAt: flags.resolvedAt,
    claimedBy: flags.claimedBy,
    claimerName: claimer.displayName,
    claimExpiresAt: flags.claimExpiresAt,
    submissionId: submissions.id,
    learnerId: users.id,
    learnerName: users.displayName,
    submissionStatus: submissions.status,
    score: submissions.score,
    maxScore: submissions.maxScore,
    code: submissions.code,
    answers: submissions.answers,
    results: submissions.results,
    submittedAt: submissions.createdAt,
    groupId: groups.id,
    groupName: groups.name,
    universityId: universities.id,
    universityName: universities.name,
    discipline: modules.disciplineId,
    moduleId: modules.id,
    moduleSlug: modules.slug,
    moduleTitle: moduleVersions.title,
    exerciseId: exercises.id,
    exerciseSlug: exercises.slug,
    exerciseTitle: exercises.title,
    exerciseEn: exercises.en,
    exerciseKind: exercises.kind,
    promptMd: exercises.promptMd,
    spec: exercises.spec,
    hint: exercises.hint,
    decision: reviews.decision,
    /** The keyset's time, as text (microseconds kept). */
    cursorAt: sql<string>`(case when ${flags.status} = 'resolved' then coalesce(${flags.resolvedAt}, ${flags.createdAt}) else ${flags.createdAt} end)::text`,
  };
}

function joined(db: Db) {
  return db
    .select(flagSelection())
    .from(flags)
    .innerJoin(submissions, eq(submissions.id, flags.submissionId))
    .innerJoin(exercises, eq(exercises.id, submissions.exerciseId))
    .innerJoin(moduleVersions, eq(moduleVersions.id, exercises.moduleVersionId))
    .innerJoin(modules, eq(modules.id, moduleVersions.moduleId))
    .innerJoin(users, eq(users.id, submissions.userId))
    .leftJoin(groups, sql`${groups.id} = ${learnerGroupId}`)
    .leftJoin(universities, eq(universities.id, groups.universityId))
    .leftJoin(claimer, eq(claimer.id, flags.claimedBy))
    .leftJoin(reviews, eq(reviews.flagId, flags.id));
}

export type ReviewFlagRow = Awaited<ReturnType<typeof findReviewFlag>> & {};

/** The filters other than the view and the source (the counts are grouped under them). */
function scopeFilters(filter: QueueFilter): SQL[] {
  const where: SQL[] = [];
  if (filter.discipline) where.push(sql`${modules.disciplineId} = ${filter.discipline}`);
  if (filter.moduleId) where.push(eq(modules.id, filter.moduleId));
  if (filter.exerciseSlug) where.push(eq(exercises.slug, filter.exerciseSlug));
  if (filter.universityId) where.push(eq(universities.id, filter.universityId));
  if (filter.groupId) where.push(eq(groups.id, filter.groupId));
  if (filter.createdBefore) where.push(lte(flags.createdAt, filter.createdBefore));
  return where;
}

const liveClaimOf = (userId: string, now: Date) =>
  and(eq(flags.claimedBy, userId), gt(flags.claimExpiresAt, now))!;

/** One page of the queue: open (the longest waiting first), mine (my live claims), or resolved (newest first). */
export async function listReviewQueue(db: Db, filter: QueueFilter) {
  const where = scopeFilters(filter);
  if (filter.source) where.push(eq(flags.source, filter.source));
  if (filter.view === 'resolved') where.push(eq(flags.status, 'resolved'));
  else where.push(eq(flags.status, 'open'));
  if (filter.view === 'mine') where.push(liveClaimOf(filter.userId, filter.now));
  const newestFirst = filter.view === 'resolved';
  const at = sql`coalesce(${flags.resolvedAt}, ${flags.createdAt})`;
  const time = newestFirst ? at : sql`${flags.createdAt}`;
  if (filter.after) {
    const cursor = sql`(${filter.after.at}::timestamptz, ${filter.after.id}::uuid)`;
    where.push(newestFirst ? sql`(${time}, ${flags.id}) < ${cursor}` : sql`(${time}, ${flags.id}) > ${cursor}`);
  }
  return joined(db)
    .where(and(...where))
    .orderBy(...(newestFirst ? [desc(time), desc(flags.id)] : [asc(time), asc(flags.id)]))
    .limit(filter.limit);
}

/** Open flags by source under the scope filters, and how many of them I hold. */
export async function countReviewQueue(
  db: Db,
  filter: QueueFilter,
): Promise<{ bySource: Record<string, number>; mine: number }> {
  const rows = await db
    .select({
      source: flags.source,
      n: sql<number>`count(*)::int`,
      mine: sql<number>`(count(*) filter (where ${liveClaimOf(filter.userId, filter.now)}))::int`,
    })
    .from(flags)
    .innerJoin(submissions, eq(submissions.id, flags.submissionId))
    .innerJoin(exercises, eq(exercises.id, submissions.exerciseId))
    .innerJoin(moduleVersions, eq(moduleVersions.id, exercises.moduleVersionId))
    .innerJoin(modules, eq(modules.id, moduleVersions.moduleId))
    .leftJoin(groups, sql`${groups.id} = ${learnerGroupId}`)
    .leftJoin(universities, eq(universities.id, groups.universityId))
    .where(and(eq(flags.status, 'open'), ...scopeFilters(filter)))
    .groupBy(flags.source);
  const bySource: Record<string, number> = {};
  let mine = 0;
  for (const row of rows) {
    bySource[row.source] = Number(row.n);
    mine += Number(row.mine);
  }
  return { bySource, mine };
}

/** One flag with all the queue shows of it and what the review page needs. */
export async function findReviewFlag(db: Db, flagId: string) {
  const [row] = await joined(db).where(eq(flags.id, flagId)).limit(1);
  return row;
}

/** The flag's claim state (for a refused claim: who holds it, until when). */
export async function findFlagClaim(db: Db, flagId: string) {
  const [row] = await db
    .select({
      status: flags.status,
      claimedBy: flags.claimedBy,
      claimerName: claimer.displayName,
      claimExpiresAt: flags.claimExpiresAt,
    })
    .from(flags)
    .leftJoin(claimer, eq(claimer.id, flags.claimedBy))
    .where(eq(flags.id, flagId))
    .limit(1);
  return row;
}

/**
 * Claims an open flag for a grader until `expiresAt`, in one statement: it wins when nobody holds
 * it, the holder's claim has expired, or the grader holds it already (a renewal). Two graders
 * claiming at once: exactly one row is updated. Undefined when the claim was not taken.
 */
export async function claimFlag(
  db: Db,
  input: { flagId: string; userId: string; now: Date; expiresAt: Date },
): Promise<{ claimExpiresAt: Date } | undefined> {
  const [row] = await db
    .update(flags)
    .set({ claimedBy: input.userId, claimExpiresAt: input.expiresAt })
    .where(
      and(
        eq(flags.id, input.flagId),
        eq(flags.status, 'open'),
        or(isNull(flags.claimedBy), lte(flags.claimExpiresAt, input.now), eq(flags.claimedBy, input.userId)),
      ),
    )
    .returning({ claimExpiresAt: flags.claimExpiresAt });
  return row ? { claimExpiresAt: row.claimExpiresAt! } : undefined;
}

/** Lets go of my claim on an open flag; false when I did not hold it. */
export async function releaseFlag(db: Db, flagId: string, userId: string): Promise<boolean> {
  const rows = await db
    .update(flags)
    .set({ claimedBy: null, claimExpiresAt: null })
    .where(and(eq(flags.id, flagId), eq(flags.status, 'open'), eq(flags.claimedBy, userId)))
    .returning({ id: flags.id });
  return rows.length > 0;
}

/** Locks a flag for a decision (inside the decision's transaction): its status and claim. */
export async function lockFlag(db: Db, flagId: string) {
  const [row] = await db
    .select({
      id: flags.id,
      status: flags.status,
      claimedBy: flags.claimedBy,
      claimExpiresAt: flags.claimExpiresAt,
    })
    .from(flags)
    .where(eq(flags.id, flagId))
    .for('update');
  return row;
}

/** Records the decision and resolves the flag (inside the decision's transaction). */
export async function insertReview(
  db: Db,
  input: {
    flagId: string;
    reviewerId: string;
    decision: ReviewDecisionValue;
    previousScore: number | null;
    newScore: number | null;
    comment: string;
    now: Date;
  },
): Promise<typeof reviews.$inferSelect> {
  const [row] = await db
    .insert(reviews)
    .values({
      flagId: input.flagId,
      reviewerId: input.reviewerId,
      decision: input.decision,
      previousScore: input.previousScore,
      newScore: input.newScore,
      comment: input.comment,
      createdAt: input.now,
    })
    .returning();
  await db.update(flags).set({ status: 'resolved', resolvedAt: input.now }).where(eq(flags.id, input.flagId));
  return row!;
}

/** The decision on a flag, with its reviewer's name. */
export async function findReview(db: Db, flagId: string) {
  const [row] = await db
    .select({ review: reviews, reviewerName: reviewer.displayName })
    .from(reviews)
    .innerJoin(reviewer, eq(reviewer.id, reviews.reviewerId))
    .where(eq(reviews.flagId, flagId))
    .limit(1);
  return row;
}

/** A submission's score changed by a review or a regrade (its result too, for a regrade). */
export async function setSubmissionScore(
  db: Db,
  submissionId: string,
  score: number,
  results?: unknown,
): Promise<void> {
  await db
    .update(submissions)
    .set({ score, ...(results === undefined ? {} : { results }) })
    .where(eq(submissions.id, submissionId));
}

/** The other flags of a submission (or of the pair's other submission), oldest first. */
export async function listRelatedFlags(db: Db, submissionIds: string[], exceptId: string) {
  return db
    .select({ id: flags.id, source: flags.source, status: flags.status })
    .from(flags)
    .where(
      and(
        or(inArray(flags.submissionId, submissionIds), inArray(flags.otherSubmissionId, submissionIds)),
        ne(flags.id, exceptId),
      ),
    )
    .orderBy(asc(flags.createdAt), asc(flags.id));
}

/** A submission with its learner and exercise (the other side of a similarity pair). */
export async function findSubmissionWithLearner(db: Db, submissionId: string) {
  const [row] = await db
    .select({ submission: submissions, learnerName: users.displayName, exerciseSlug: exercises.slug })
    .from(submissions)
    .innerJoin(users, eq(users.id, submissions.userId))
    .innerJoin(exercises, eq(exercises.id, submissions.exerciseId))
    .where(eq(submissions.id, submissionId))
    .limit(1);
  return row;
}

/** The exercise rows of one slug in every version of a module. */
const slugExercises = (moduleId: string, slug: string) =>
  sql`(select e.id from ${exercises} e join ${moduleVersions} v on v.id = e.module_version_id where v.module_id = ${moduleId} and e.slug = ${slug})`;

export interface WorkRows {
  runs: Array<{ at: Date; passed: number; total: number; code: string }>;
  submissions: Array<{ at: Date; score: number | null; code: string | null; results: unknown }>;
  pastes: Array<{ at: Date; data: unknown }>;
  draft: { at: Date } | undefined;
}

/** A learner's work on an exercise (every version of it): runs, submissions, pastes, the draft. */
export async function listExerciseWork(
  db: Db,
  userId: string,
  moduleId: string,
  slug: string,
  limit = 200,
): Promise<WorkRows> {
  const ids = slugExercises(moduleId, slug);
  const [runRows, submissionRows, pasteRows, draftRows] = await Promise.all([
    db
      .select({ at: runs.createdAt, passed: runs.testsPassed, total: runs.testsTotal, code: runs.code })
      .from(runs)
      .where(and(eq(runs.userId, userId), sql`${runs.exerciseId} in ${ids}`))
      .orderBy(desc(runs.createdAt))
      .limit(limit),
    db
      .select({
        at: submissions.createdAt,
        score: submissions.score,
        code: submissions.code,
        results: submissions.results,
      })
      .from(submissions)
      .where(and(eq(submissions.userId, userId), sql`${submissions.exerciseId} in ${ids}`))
      .orderBy(desc(submissions.createdAt))
      .limit(limit),
    db
      .select({ at: activityLog.createdAt, data: activityLog.data })
      .from(activityLog)
      .where(
        and(
          eq(activityLog.userId, userId),
          eq(activityLog.kind, 'draft.paste'),
          sql`${activityLog.exerciseId} in ${ids}`,
        ),
      )
      .orderBy(desc(activityLog.createdAt))
      .limit(limit),
    db
      .select({ at: drafts.updatedAt })
      .from(drafts)
      .where(and(eq(drafts.userId, userId), sql`${drafts.exerciseId} in ${ids}`))
      .orderBy(desc(drafts.updatedAt))
      .limit(1),
  ]);
  return { runs: runRows, submissions: submissionRows, pastes: pasteRows, draft: draftRows[0] };
}

/** Graded answer submissions to an exercise slug of a module, in every version (for a regrade). */
export async function listGradedAnswers(db: Db, moduleId: string, slug: string) {
  return db
    .select({
      id: submissions.id,
      userId: submissions.userId,
      exerciseId: submissions.exerciseId,
      answers: submissions.answers,
      score: submissions.score,
      maxScore: submissions.maxScore,
      hint: exercises.hint,
      title: exercises.title,
    })
    .from(submissions)
    .innerJoin(exercises, eq(exercises.id, submissions.exerciseId))
    .where(
      and(
        sql`${submissions.exerciseId} in ${slugExercises(moduleId, slug)}`,
        eq(submissions.status, 'graded'),
        isNotNull(submissions.answers),
      ),
    );
}

/** The tutors of the groups the learners are students of. */
export async function listTutorsOfLearners(db: Db, learnerIds: string[]): Promise<string[]> {
  if (learnerIds.length === 0) return [];
  const tutor = alias(memberships, 'tutor');
  const rows = await db
    .selectDistinct({ id: tutor.userId })
    .from(memberships)
    .innerJoin(tutor, and(eq(tutor.groupId, memberships.groupId), eq(tutor.role, 'tutor')))
    .where(and(inArray(memberships.userId, learnerIds), eq(memberships.role, 'student')));
  return rows.map((r) => r.id);
}

/** Every coordinator of the programme. */
export async function listCoordinatorIds(db: Db): Promise<string[]> {
  const rows = await db
    .selectDistinct({ id: memberships.userId })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.role, 'coordinator'), eq(users.disabled, false)));
  return rows.map((r) => r.id);
}
