import { and, asc, desc, eq, ilike, inArray, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../client.ts';
import {
  applicationDocuments,
  applicationReviews,
  applications,
  cohorts,
  groupModules,
  groups,
  memberships,
  modules,
  tutorCalls,
  universities,
  users,
} from '../schema/index.ts';
import { enrolUsers } from './content.ts';

export type TutorCallRow = typeof tutorCalls.$inferSelect;
export type TutorCallInsert = typeof tutorCalls.$inferInsert;
export type ApplicationRow = typeof applications.$inferSelect;
export type ApplicationDocumentRow = typeof applicationDocuments.$inferSelect;
export type ApplicationStatusValue = ApplicationRow['status'];

/** Learners per training group, as in the programme's groups. */
export const TRAINING_GROUP_SIZE = 17;

/** The calls, newest deadline first; `openedBy` keeps only those already opened at that instant. */
export async function listTutorCalls(db: Db, openedBy?: Date): Promise<TutorCallRow[]> {
  return db
    .select()
    .from(tutorCalls)
    .where(openedBy ? lte(tutorCalls.opensAt, openedBy) : undefined)
    .orderBy(desc(tutorCalls.closesAt), asc(tutorCalls.slug));
}

export async function findTutorCall(db: Db, id: string): Promise<TutorCallRow | undefined> {
  const [row] = await db.select().from(tutorCalls).where(eq(tutorCalls.id, id)).limit(1);
  return row;
}

export async function insertTutorCall(db: Db, values: TutorCallInsert): Promise<TutorCallRow> {
  const [row] = await db.insert(tutorCalls).values(values).returning();
  return row!;
}

export async function updateTutorCall(
  db: Db,
  id: string,
  values: Partial<Omit<TutorCallInsert, 'id' | 'createdBy' | 'createdAt'>>,
): Promise<TutorCallRow | undefined> {
  const [row] = await db.update(tutorCalls).set(values).where(eq(tutorCalls.id, id)).returning();
  return row;
}

export async function findApplicationById(db: Db, id: string): Promise<ApplicationRow | undefined> {
  const [row] = await db.select().from(applications).where(eq(applications.id, id)).limit(1);
  return row;
}

export async function findApplicationOf(
  db: Db,
  callId: string,
  userId: string,
): Promise<ApplicationRow | undefined> {
  const [row] = await db
    .select()
    .from(applications)
    .where(and(eq(applications.callId, callId), eq(applications.userId, userId)))
    .limit(1);
  return row;
}

export type ApplicationAnswers = Pick<
  typeof applications.$inferInsert,
  'universityId' | 'level' | 'field' | 'studentNumber' | 'motivation' | 'eligible' | 'ineligibleReasons'
>;

/** Creates the candidate's application to the call, or replaces their answers (one per call and candidate). */
export async function saveApplication(
  db: Db,
  input: { callId: string; userId: string; at: Date } & ApplicationAnswers,
): Promise<ApplicationRow> {
  const { at, ...values } = input;
  const [row] = await db
    .insert(applications)
    .values({ ...values, submittedAt: at, updatedAt: at })
    .onConflictDoUpdate({
      target: [applications.callId, applications.userId],
      set: {
        universityId: values.universityId,
        level: values.level,
        field: values.field,
        studentNumber: values.studentNumber,
        motivation: values.motivation,
        eligible: values.eligible,
        ineligibleReasons: values.ineligibleReasons,
        updatedAt: at,
      },
    })
    .returning();
  return row!;
}

export async function listApplicationsOfUser(db: Db, userId: string): Promise<ApplicationRow[]> {
  return db
    .select()
    .from(applications)
    .where(eq(applications.userId, userId))
    .orderBy(desc(applications.submittedAt));
}

export async function listDocuments(db: Db, applicationIds: string[]): Promise<ApplicationDocumentRow[]> {
  if (applicationIds.length === 0) return [];
  return db
    .select()
    .from(applicationDocuments)
    .where(inArray(applicationDocuments.applicationId, applicationIds))
    .orderBy(asc(applicationDocuments.uploadedAt), asc(applicationDocuments.fileName));
}

export async function insertDocument(
  db: Db,
  values: typeof applicationDocuments.$inferInsert,
): Promise<ApplicationDocumentRow> {
  const [row] = await db.insert(applicationDocuments).values(values).returning();
  return row!;
}

/** A document with the candidate it belongs to (who, with the coordination, may read it). */
export async function findDocument(
  db: Db,
  id: string,
): Promise<(ApplicationDocumentRow & { ownerId: string }) | undefined> {
  const [row] = await db
    .select({ document: applicationDocuments, ownerId: applications.userId })
    .from(applicationDocuments)
    .innerJoin(applications, eq(applications.id, applicationDocuments.applicationId))
    .where(eq(applicationDocuments.id, id))
    .limit(1);
  return row ? { ...row.document, ownerId: row.ownerId } : undefined;
}

export interface ApplicationFilter {
  status?: ApplicationStatusValue;
  eligible?: boolean;
  universityId?: string;
  level?: string;
  field?: string;
  minScore?: number;
  maxScore?: number;
  q?: string;
  limit?: number;
}

const meanScore = sql<number | null>`(select avg(r.total)::float8 from ${applicationReviews} r
  where r.application_id = ${applications.id})`;
const reviewCount = sql<number>`(select count(*)::int from ${applicationReviews} r
  where r.application_id = ${applications.id})`;
const documentCount = sql<number>`(select count(*)::int from ${applicationDocuments} d
  where d.application_id = ${applications.id})`;

export interface ApplicationListRow {
  id: string;
  userId: string;
  candidateName: string;
  email: string;
  universityName: string;
  level: string;
  field: string;
  studentNumber: string;
  eligible: boolean;
  ineligibleReasons: string[];
  status: ApplicationStatusValue;
  decisionNote: string | null;
  decidedAt: Date | null;
  decidedByName: string | null;
  meanScore: number | null;
  reviewCount: number;
  documentCount: number;
  submittedAt: Date;
  updatedAt: Date;
}

/** A call's applications matching the filters, best mean score first, then the earliest. */
export async function listCallApplications(
  db: Db,
  callId: string,
  filter: ApplicationFilter = {},
): Promise<{ rows: ApplicationListRow[]; matching: number }> {
  const where: SQL[] = [eq(applications.callId, callId)];
  if (filter.status) where.push(eq(applications.status, filter.status));
  if (filter.eligible !== undefined) where.push(eq(applications.eligible, filter.eligible));
  if (filter.universityId) where.push(eq(applications.universityId, filter.universityId));
  if (filter.level) where.push(eq(applications.level, filter.level));
  if (filter.field) where.push(eq(applications.field, filter.field));
  if (filter.minScore !== undefined) where.push(sql`${meanScore} >= ${filter.minScore}`);
  if (filter.maxScore !== undefined) where.push(sql`${meanScore} <= ${filter.maxScore}`);
  if (filter.q?.trim()) {
    const pattern = `%${filter.q.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    where.push(
      or(
        ilike(users.displayName, pattern),
        ilike(users.email, pattern),
        ilike(applications.studentNumber, pattern),
      )!,
    );
  }
  const decider = sql<
    string | null
  >`(select d.display_name from ${users} d where d.id = ${applications.decidedBy})`;
  const rows = await db
    .select({
      id: applications.id,
      userId: applications.userId,
      candidateName: users.displayName,
      email: users.email,
      universityName: universities.name,
      level: applications.level,
      field: applications.field,
      studentNumber: applications.studentNumber,
      eligible: applications.eligible,
      ineligibleReasons: applications.ineligibleReasons,
      status: applications.status,
      decisionNote: applications.decisionNote,
      decidedAt: applications.decidedAt,
      decidedByName: decider,
      meanScore,
      reviewCount,
      documentCount,
      submittedAt: applications.submittedAt,
      updatedAt: applications.updatedAt,
      matching: sql<number>`count(*) over ()::int`,
    })
    .from(applications)
    .innerJoin(users, eq(users.id, applications.userId))
    .innerJoin(universities, eq(universities.id, applications.universityId))
    .where(and(...where))
    .orderBy(sql`${meanScore} desc nulls last`, asc(applications.submittedAt), asc(applications.id))
    .limit(filter.limit ?? 500);
  return { rows: rows.map(({ matching: _, ...row }) => row), matching: rows[0]?.matching ?? 0 };
}

/** A call's applications counted as a whole: the screen's headline, whatever the filters. */
export async function countCallApplications(
  db: Db,
  callId: string,
): Promise<{ total: number; eligible: number; submitted: number; selected: number; rejected: number }> {
  const [row] = await db
    .select({
      total: sql<number>`count(*)::int`,
      eligible: sql<number>`count(*) filter (where ${applications.eligible})::int`,
      submitted: sql<number>`count(*) filter (where ${applications.status} = 'submitted')::int`,
      selected: sql<number>`count(*) filter (where ${applications.status} = 'selected')::int`,
      rejected: sql<number>`count(*) filter (where ${applications.status} = 'rejected')::int`,
    })
    .from(applications)
    .where(eq(applications.callId, callId));
  return row ?? { total: 0, eligible: 0, submitted: 0, selected: 0, rejected: 0 };
}

export interface ReviewRow {
  reviewerId: string;
  reviewerName: string;
  scores: Record<string, number>;
  total: number;
  comment: string | null;
  updatedAt: Date;
}

export async function listReviews(db: Db, applicationId: string): Promise<ReviewRow[]> {
  return db
    .select({
      reviewerId: applicationReviews.reviewerId,
      reviewerName: users.displayName,
      scores: applicationReviews.scores,
      total: applicationReviews.total,
      comment: applicationReviews.comment,
      updatedAt: applicationReviews.updatedAt,
    })
    .from(applicationReviews)
    .innerJoin(users, eq(users.id, applicationReviews.reviewerId))
    .where(eq(applicationReviews.applicationId, applicationId))
    .orderBy(asc(users.displayName));
}

/** Each reviewer has one review per application: scoring again replaces their own scores only. */
export async function saveReview(
  db: Db,
  input: {
    applicationId: string;
    reviewerId: string;
    scores: Record<string, number>;
    comment: string | null;
    at: Date;
  },
): Promise<void> {
  const total = Object.values(input.scores).reduce((sum, n) => sum + n, 0);
  await db
    .insert(applicationReviews)
    .values({ ...input, total, updatedAt: input.at })
    .onConflictDoUpdate({
      target: [applicationReviews.applicationId, applicationReviews.reviewerId],
      set: { scores: input.scores, total, comment: input.comment, updatedAt: input.at },
    });
}

/** Records the decision, only while the application is still undecided; answers whether it did. */
export async function decideApplication(
  db: Db,
  input: { id: string; status: 'selected' | 'rejected'; note: string | null; by: string; at: Date },
): Promise<ApplicationRow | undefined> {
  const [row] = await db
    .update(applications)
    .set({ status: input.status, decisionNote: input.note, decidedBy: input.by, decidedAt: input.at })
    .where(and(eq(applications.id, input.id), eq(applications.status, 'submitted')))
    .returning();
  return row;
}

/**
 * Places a selected candidate in the training cohort as a learner: a `student` membership in a
 * training group with room (of their university first, then any), a new group when all are full,
 * and enrolments in the tutors' training modules (discipline `tutoring`) and the group's own
 * modules. Answers the group. Run it in the decision's transaction.
 */
export async function enrolInTraining(
  db: Db,
  input: { userId: string; cohortId: string; universityId: string },
): Promise<{ groupId: string; groupName: string; moduleIds: string[] }> {
  // Spelled out: in a one-table query drizzle leaves `id` unqualified, which the subquery would take as its own.
  const learners = sql<number>`(select count(*)::int from memberships m
    where m.group_id = groups.id and m.role = 'student')`;
  const existing = await db
    .select({ id: groups.id, name: groups.name, universityId: groups.universityId, learners })
    .from(groups)
    .where(eq(groups.cohortId, input.cohortId))
    .orderBy(asc(groups.createdAt), asc(groups.name));
  const withRoom = existing.filter((g) => g.learners < TRAINING_GROUP_SIZE);
  let group =
    withRoom.find((g) => g.universityId === input.universityId) ??
    (withRoom[0] as (typeof withRoom)[0] | undefined);
  if (!group) {
    const [cohort] = await db.select().from(cohorts).where(eq(cohorts.id, input.cohortId)).limit(1);
    const [university] = await db
      .select()
      .from(universities)
      .where(eq(universities.id, input.universityId))
      .limit(1);
    const names = new Set(existing.map((g) => g.name));
    let n = existing.length + 1;
    const base = `Formation ${university?.city ?? ''}`.trim();
    while (names.has(`${base} ${n}`)) n++;
    const [created] = await db
      .insert(groups)
      .values({ name: `${base} ${n}`, universityId: input.universityId, cohortId: input.cohortId })
      .returning();
    if (!created) throw new Error(`no training group created in ${cohort?.slug ?? input.cohortId}`);
    group = { id: created.id, name: created.name, universityId: created.universityId, learners: 0 };
  }
  await db
    .insert(memberships)
    .values({ userId: input.userId, role: 'student', groupId: group.id })
    .onConflictDoNothing();
  const training = await db
    .select({ id: modules.id })
    .from(modules)
    .where(eq(modules.disciplineId, 'tutoring'));
  const ofGroup = await db
    .select({ id: groupModules.moduleId })
    .from(groupModules)
    .where(eq(groupModules.groupId, group.id));
  const moduleIds = [...new Set([...training, ...ofGroup].map((m) => m.id))];
  for (const moduleId of moduleIds) await enrolUsers(db, moduleId, [input.userId], input.cohortId);
  return { groupId: group.id, groupName: group.name, moduleIds };
}

/** The training group a selected candidate was placed in (their student membership in the cohort). */
export async function findTrainingGroup(
  db: Db,
  userId: string,
  cohortId: string,
): Promise<{ id: string; name: string } | undefined> {
  const [row] = await db
    .select({ id: groups.id, name: groups.name })
    .from(memberships)
    .innerJoin(groups, eq(groups.id, memberships.groupId))
    .where(
      and(eq(memberships.userId, userId), eq(memberships.role, 'student'), eq(groups.cohortId, cohortId)),
    )
    .orderBy(asc(memberships.createdAt))
    .limit(1);
  return row;
}
