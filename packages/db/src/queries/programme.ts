// The programme's structure as the coordination manages it: universities, cohorts, groups, their
// tutors and learners, group enrolments with deadlines, and learners' moves between groups. The
// writes take a transaction (`tx`) from the caller, which records the audit line in the same one.
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import {
  cohorts,
  disciplines,
  groupModules,
  groupMoves,
  groups,
  memberships,
  moduleVersions,
  modules,
  universities,
  users,
} from '../schema/index.ts';
import { enrolUsers } from './content.ts';

export type UniversityRow = typeof universities.$inferSelect;
export type CohortRow = typeof cohorts.$inferSelect;
export type DisciplineRow = typeof disciplines.$inferSelect;
export type GroupRow = typeof groups.$inferSelect;

export async function listUniversities(db: Db): Promise<UniversityRow[]> {
  return db.select().from(universities).orderBy(asc(universities.name));
}

export async function listCohorts(db: Db): Promise<CohortRow[]> {
  return db.select().from(cohorts).orderBy(desc(cohorts.startsOn), asc(cohorts.name));
}

export async function listDisciplines(db: Db): Promise<DisciplineRow[]> {
  return db.select().from(disciplines).orderBy(asc(disciplines.id));
}

/** Creates a cohort; undefined when its slug is taken. */
export async function insertCohort(
  db: Db,
  input: typeof cohorts.$inferInsert,
): Promise<CohortRow | undefined> {
  const [row] = await db.insert(cohorts).values(input).onConflictDoNothing().returning();
  return row;
}

/** Creates a group; undefined when its cohort already has a group of that name. */
export async function insertGroup(
  db: Db,
  input: { name: string; universityId: string; cohortId: string },
): Promise<GroupRow | undefined> {
  const [row] = await db.insert(groups).values(input).onConflictDoNothing().returning();
  return row;
}

export async function findGroup(db: Db, groupId: string): Promise<GroupRow | undefined> {
  const [row] = await db.select().from(groups).where(eq(groups.id, groupId)).limit(1);
  return row;
}

export async function findUniversity(db: Db, id: string): Promise<UniversityRow | undefined> {
  const [row] = await db.select().from(universities).where(eq(universities.id, id)).limit(1);
  return row;
}

export async function findCohort(db: Db, id: string): Promise<CohortRow | undefined> {
  const [row] = await db.select().from(cohorts).where(eq(cohorts.id, id)).limit(1);
  return row;
}

export interface StructureGroupRow {
  id: string;
  name: string;
  universityId: string;
  universityName: string;
  cohortId: string;
  cohortName: string;
  learnerCount: number;
  tutors: Array<{ id: string; displayName: string }>;
}

/** Every group with its university, cohort, tutors and learner count (by university, cohort, name). */
export async function listStructureGroups(db: Db, groupId?: string): Promise<StructureGroupRow[]> {
  const learnerCount = sql<number>`(select count(*)::int from ${memberships} m
    where m.group_id = ${groups.id} and m.role = 'student')`;
  const tutors = sql<Array<{ id: string; displayName: string }>>`coalesce((
    select json_agg(json_build_object('id', u.id, 'displayName', u.display_name) order by u.display_name)
    from ${memberships} m join ${users} u on u.id = m.user_id
    where m.group_id = ${groups.id} and m.role = 'tutor'), '[]'::json)`;
  return db
    .select({
      id: groups.id,
      name: groups.name,
      universityId: groups.universityId,
      universityName: universities.name,
      cohortId: groups.cohortId,
      cohortName: cohorts.name,
      learnerCount,
      tutors,
    })
    .from(groups)
    .innerJoin(universities, eq(universities.id, groups.universityId))
    .innerJoin(cohorts, eq(cohorts.id, groups.cohortId))
    .where(groupId === undefined ? undefined : eq(groups.id, groupId))
    .orderBy(asc(universities.name), asc(cohorts.name), asc(groups.name));
}

export interface GroupEnrolmentRow {
  groupId: string;
  moduleId: string;
  slug: string;
  title: string;
  dueAt: Date | null;
}

// Written with the table's name: a query of one table would render `${modules.id}` as a bare "id",
// which the subquery would take for its own.
const latestTitle = sql<string>`coalesce((select v.title from ${moduleVersions} v
  where v.module_id = "modules"."id" and v.status = 'published' order by v.version desc limit 1), "modules"."slug")`;

/** The modules groups are enrolled in, with their deadlines. */
export async function listGroupEnrolments(db: Db, groupIds?: string[]): Promise<GroupEnrolmentRow[]> {
  if (groupIds && groupIds.length === 0) return [];
  return db
    .select({
      groupId: groupModules.groupId,
      moduleId: groupModules.moduleId,
      slug: modules.slug,
      title: latestTitle,
      dueAt: groupModules.dueAt,
    })
    .from(groupModules)
    .innerJoin(modules, eq(modules.id, groupModules.moduleId))
    .where(groupIds ? inArray(groupModules.groupId, groupIds) : undefined)
    .orderBy(asc(modules.slug));
}

/** Modules with a published version: what a group can be enrolled in. */
export async function listEnrollableModules(
  db: Db,
): Promise<Array<{ id: string; slug: string; title: string; discipline: string }>> {
  return db
    .select({ id: modules.id, slug: modules.slug, title: latestTitle, discipline: modules.disciplineId })
    .from(modules)
    .where(
      sql`exists (select 1 from ${moduleVersions} v where v.module_id = "modules"."id" and v.status = 'published')`,
    )
    .orderBy(asc(modules.slug));
}

export async function findModuleById(db: Db, moduleId: string): Promise<{ id: string } | undefined> {
  const [row] = await db.select({ id: modules.id }).from(modules).where(eq(modules.id, moduleId)).limit(1);
  return row;
}

/** The user ids holding a role in a group. */
export async function listGroupMemberIds(
  db: Db,
  groupId: string,
  role: 'student' | 'tutor',
): Promise<string[]> {
  const rows = await db
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.groupId, groupId), eq(memberships.role, role)));
  return rows.map((r) => r.userId);
}

/**
 * Replaces a group's tutors: the tutor memberships of the group become exactly `tutorIds`. Answers
 * the ids before and after.
 */
export async function replaceGroupTutors(
  tx: Db,
  groupId: string,
  tutorIds: string[],
): Promise<{ before: string[]; after: string[] }> {
  const before = await listGroupMemberIds(tx, groupId, 'tutor');
  const gone = before.filter((id) => !tutorIds.includes(id));
  if (gone.length > 0)
    await tx
      .delete(memberships)
      .where(
        and(
          eq(memberships.groupId, groupId),
          eq(memberships.role, 'tutor'),
          inArray(memberships.userId, gone),
        ),
      );
  const added = tutorIds.filter((id) => !before.includes(id));
  if (added.length > 0)
    await tx
      .insert(memberships)
      .values(added.map((userId) => ({ userId, groupId, role: 'tutor' as const })))
      .onConflictDoNothing();
  return { before: before.sort(), after: [...tutorIds].sort() };
}

/** Enrols users in every module their group is enrolled in (in the group's cohort). */
export async function enrolInGroupModules(tx: Db, groupId: string, userIds: string[]): Promise<void> {
  const group = await findGroup(tx, groupId);
  if (!group) return;
  const rows = await tx
    .select({ moduleId: groupModules.moduleId })
    .from(groupModules)
    .where(eq(groupModules.groupId, groupId));
  for (const { moduleId } of rows) await enrolUsers(tx, moduleId, userIds, group.cohortId);
}

/**
 * Moves a learner's student membership from one group to another and records the move; they are
 * enrolled in the new group's modules. Their work stays theirs: nothing else changes. False when
 * they were not a learner of `fromGroupId`.
 */
export async function moveLearner(
  tx: Db,
  input: { userId: string; fromGroupId: string; toGroupId: string; movedBy: string; reason: string | null },
): Promise<boolean> {
  const moved = await tx
    .update(memberships)
    .set({ groupId: input.toGroupId })
    .where(
      and(
        eq(memberships.userId, input.userId),
        eq(memberships.role, 'student'),
        eq(memberships.groupId, input.fromGroupId),
      ),
    )
    .returning({ id: memberships.id });
  if (moved.length === 0) return false;
  await tx.insert(groupMoves).values({
    userId: input.userId,
    fromGroupId: input.fromGroupId,
    toGroupId: input.toGroupId,
    movedBy: input.movedBy,
    reason: input.reason,
  });
  await enrolInGroupModules(tx, input.toGroupId, [input.userId]);
  return true;
}

export interface GroupMoveRow {
  fromGroupName: string | null;
  toGroupName: string | null;
  movedByName: string | null;
  reason: string | null;
  movedAt: Date;
}

/** A learner's moves, oldest first. */
export async function listLearnerMoves(db: Db, userId: string): Promise<GroupMoveRow[]> {
  return db
    .select({
      fromGroupName: sql<
        string | null
      >`(select g.name from ${groups} g where g.id = "group_moves"."from_group_id")`,
      toGroupName: sql<
        string | null
      >`(select g.name from ${groups} g where g.id = "group_moves"."to_group_id")`,
      movedByName: sql<
        string | null
      >`(select u.display_name from ${users} u where u.id = "group_moves"."moved_by")`,
      reason: groupMoves.reason,
      movedAt: groupMoves.movedAt,
    })
    .from(groupMoves)
    .where(eq(groupMoves.userId, userId))
    .orderBy(asc(groupMoves.movedAt), asc(groupMoves.id));
}

/**
 * Enrols a group in a module (or changes its deadline) and enrols its current learners. Answers the
 * deadline before (undefined when the group was not enrolled) and the number of learners.
 */
export async function enrolGroupInModule(
  tx: Db,
  input: { groupId: string; moduleId: string; dueAt: Date | null; enrolledBy: string },
): Promise<{ before: Date | null | undefined; learners: number }> {
  const [existing] = await tx
    .select({ dueAt: groupModules.dueAt })
    .from(groupModules)
    .where(and(eq(groupModules.groupId, input.groupId), eq(groupModules.moduleId, input.moduleId)))
    .for('update');
  if (existing) {
    await tx
      .update(groupModules)
      .set({ dueAt: input.dueAt })
      .where(and(eq(groupModules.groupId, input.groupId), eq(groupModules.moduleId, input.moduleId)));
  } else {
    await tx.insert(groupModules).values(input);
  }
  const learners = await listGroupMemberIds(tx, input.groupId, 'student');
  const group = await findGroup(tx, input.groupId);
  await enrolUsers(tx, input.moduleId, learners, group?.cohortId);
  return { before: existing ? existing.dueAt : undefined, learners: learners.length };
}

/** Changes a group's deadline for a module; undefined when the group is not enrolled in it. */
export async function setGroupModuleDeadline(
  tx: Db,
  input: { groupId: string; moduleId: string; dueAt: Date | null },
): Promise<{ before: Date | null } | undefined> {
  const [existing] = await tx
    .select({ dueAt: groupModules.dueAt })
    .from(groupModules)
    .where(and(eq(groupModules.groupId, input.groupId), eq(groupModules.moduleId, input.moduleId)))
    .for('update');
  if (!existing) return undefined;
  await tx
    .update(groupModules)
    .set({ dueAt: input.dueAt })
    .where(and(eq(groupModules.groupId, input.groupId), eq(groupModules.moduleId, input.moduleId)));
  return { before: existing.dueAt };
}

/**
 * A learner's deadline per module: the earliest of the deadlines set for the groups they learn in
 * (a learner is in one group as a rule).
 */
export async function listLearnerDeadlines(db: Db, userId: string): Promise<Map<string, Date>> {
  const rows = await db
    .select({
      moduleId: groupModules.moduleId,
      dueAt: sql<Date>`min(${groupModules.dueAt})`.mapWith(groupModules.dueAt),
    })
    .from(groupModules)
    .innerJoin(memberships, eq(memberships.groupId, groupModules.groupId))
    .where(and(eq(memberships.userId, userId), eq(memberships.role, 'student')))
    .groupBy(groupModules.moduleId);
  return new Map(rows.filter((r) => r.dueAt !== null).map((r) => [r.moduleId, r.dueAt]));
}
