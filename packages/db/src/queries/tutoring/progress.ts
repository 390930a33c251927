// The progress grid: a group's learners against the exercises of one module.
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../client.ts';
import {
  enrolments,
  exercises,
  groupModules,
  memberships,
  moduleVersions,
  modules,
  submissions,
} from '../../schema/index.ts';
import { submissionMadeAt } from '../submissions.ts';

/** The modules in which learners of a group are enrolled, at their latest published version. */
export async function listGroupModules(
  db: Db,
  groupId: string,
): Promise<Array<{ slug: string; title: string; learners: number; dueAt: Date | null }>> {
  const latestTitle = sql<string>`(select v.title from ${moduleVersions} v where v.module_id = ${modules.id}
    and v.status = 'published' order by v.version desc limit 1)`;
  const rows = await db
    .select({
      slug: modules.slug,
      title: latestTitle,
      learners: sql<number>`count(distinct ${enrolments.userId})::int`,
      // The coordination's deadline for this group (null: none).
      dueAt: sql<Date | null>`(select gm.due_at from ${groupModules} gm
        where gm.group_id = ${groupId} and gm.module_id = ${modules.id})`.mapWith(groupModules.dueAt),
    })
    .from(enrolments)
    .innerJoin(modules, eq(modules.id, enrolments.moduleId))
    .innerJoin(
      memberships,
      and(
        eq(memberships.userId, enrolments.userId),
        eq(memberships.groupId, groupId),
        eq(memberships.role, 'student'),
      ),
    )
    .groupBy(modules.id, modules.slug)
    .orderBy(asc(modules.slug));
  return rows.filter((r) => r.title !== null);
}

/** A module at its latest published version. */
export async function findPublishedModule(
  db: Db,
  slug: string,
): Promise<
  { moduleId: string; slug: string; versionId: string; version: number; title: string } | undefined
> {
  const [row] = await db
    .select({
      moduleId: modules.id,
      slug: modules.slug,
      versionId: moduleVersions.id,
      version: moduleVersions.version,
      title: moduleVersions.title,
    })
    .from(modules)
    .innerJoin(moduleVersions, eq(moduleVersions.moduleId, modules.id))
    .where(and(eq(modules.slug, slug), eq(moduleVersions.status, 'published')))
    .orderBy(desc(moduleVersions.version))
    .limit(1);
  return row;
}

/** A group's deadline for a module, by its slug (set by the coordination); null: none, or not enrolled. */
export async function findGroupModuleDeadline(
  db: Db,
  groupId: string,
  moduleSlug: string,
): Promise<Date | null> {
  const [row] = await db
    .select({ dueAt: groupModules.dueAt })
    .from(groupModules)
    .innerJoin(modules, eq(modules.id, groupModules.moduleId))
    .where(and(eq(groupModules.groupId, groupId), eq(modules.slug, moduleSlug)));
  return row?.dueAt ?? null;
}

/** Whether a submission was made after the deadline. */
const madeAfter = (dueAt: Date) => sql`${submissionMadeAt} > ${dueAt.toISOString()}::timestamptz`;

/**
 * Which of these submissions were made after `dueAt` (by primary key: for the gradebook, whose
 * cells come from the summary tables and name their best submission).
 */
export async function listLateSubmissionIds(
  db: Db,
  submissionIds: string[],
  dueAt: Date,
): Promise<Set<string>> {
  if (submissionIds.length === 0) return new Set();
  const rows = await db
    .select({ id: submissions.id })
    .from(submissions)
    .where(and(inArray(submissions.id, submissionIds), madeAfter(dueAt)));
  return new Set(rows.map((row) => row.id));
}

export interface ProgressCellRow {
  userId: string;
  exerciseSlug: string;
  bestScore: number | null;
  attempts: number;
  submissionId: string;
  /** The cell's submission was made after the deadline (false without one). */
  late: boolean;
}

/**
 * Per learner and exercise (matched by slug, so work on earlier versions counts): best graded
 * score, submissions, and the submission to open (the best graded one, else the latest), with
 * whether it was made after `dueAt`.
 */
export async function listProgressCells(
  db: Db,
  moduleId: string,
  learnerIds: string[],
  dueAt: Date | null = null,
): Promise<ProgressCellRow[]> {
  if (learnerIds.length === 0) return [];
  const graded = sql`${submissions.status} = 'graded'`;
  // The cell's submission: the best graded one, else the latest.
  const cellFirst = sql`order by (${graded}) desc, ${submissions.score} desc nulls last, ${submissions.createdAt} desc`;
  const late = dueAt === null ? sql`false` : madeAfter(dueAt);
  return db
    .select({
      userId: submissions.userId,
      exerciseSlug: exercises.slug,
      bestScore: sql<number | null>`(max(${submissions.score}) filter (where ${graded}))::float8`,
      attempts: sql<number>`count(*)::int`,
      submissionId: sql<string>`((array_agg(${submissions.id} ${cellFirst}))[1])::text`,
      late: sql<boolean>`(array_agg(${late} ${cellFirst}))[1]`,
    })
    .from(submissions)
    .innerJoin(exercises, eq(exercises.id, submissions.exerciseId))
    .innerJoin(moduleVersions, eq(moduleVersions.id, exercises.moduleVersionId))
    .where(and(eq(moduleVersions.moduleId, moduleId), inArray(submissions.userId, learnerIds)))
    .groupBy(submissions.userId, exercises.slug);
}

/** The exercises of a module version, in order. */
export async function listModuleExercises(db: Db, versionId: string) {
  return db
    .select({
      id: exercises.id,
      slug: exercises.slug,
      title: exercises.title,
      kind: exercises.kind,
      maxScore: exercises.maxScore,
    })
    .from(exercises)
    .where(eq(exercises.moduleVersionId, versionId))
    .orderBy(asc(exercises.position));
}
