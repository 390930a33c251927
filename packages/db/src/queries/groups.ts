import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { cohorts, groups, memberships, universities, users } from '../schema/index.ts';

export interface GroupSummaryRow {
  id: string;
  name: string;
  universityName: string;
  cohortName: string;
  learnerCount: number;
  tutorName: string | null;
}

function selectGroupSummaries(db: Db) {
  const learnerCount = sql<number>`(select count(*)::int from ${memberships} m
    where m.group_id = ${groups.id} and m.role = 'student')`;
  const tutorName = sql<string | null>`(select string_agg(u.display_name, ', ' order by u.display_name)
    from ${memberships} m join ${users} u on u.id = m.user_id
    where m.group_id = ${groups.id} and m.role = 'tutor')`;
  return db
    .select({
      id: groups.id,
      name: groups.name,
      universityName: universities.name,
      cohortName: cohorts.name,
      learnerCount,
      tutorName,
    })
    .from(groups)
    .innerJoin(universities, eq(universities.id, groups.universityId))
    .innerJoin(cohorts, eq(cohorts.id, groups.cohortId))
    .$dynamic();
}

/** Every group of the programme, by university then name. */
export async function listAllGroups(db: Db): Promise<GroupSummaryRow[]> {
  return selectGroupSummaries(db).orderBy(asc(universities.name), asc(groups.name));
}

/** The groups a tutor follows. */
export async function listTutorGroups(db: Db, tutorId: string): Promise<GroupSummaryRow[]> {
  const tutored = db
    .select({ groupId: memberships.groupId })
    .from(memberships)
    .where(and(eq(memberships.userId, tutorId), eq(memberships.role, 'tutor')));
  return selectGroupSummaries(db)
    .where(inArray(groups.id, tutored))
    .orderBy(asc(universities.name), asc(groups.name));
}

export async function findGroupSummary(db: Db, groupId: string): Promise<GroupSummaryRow | undefined> {
  const [row] = await selectGroupSummaries(db).where(eq(groups.id, groupId)).limit(1);
  return row;
}

export interface LearnerRow {
  id: string;
  displayName: string;
  email: string;
}

/** The learners (student members) of a group, by name. */
export async function listGroupLearners(db: Db, groupId: string): Promise<LearnerRow[]> {
  return db
    .select({ id: users.id, displayName: users.displayName, email: users.email })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.groupId, groupId), eq(memberships.role, 'student')))
    .orderBy(asc(users.displayName));
}

/** The groups in which a user is a learner. */
export async function listLearnerGroups(
  db: Db,
  learnerId: string,
): Promise<Array<{ id: string; name: string; universityName: string }>> {
  return db
    .select({ id: groups.id, name: groups.name, universityName: universities.name })
    .from(memberships)
    .innerJoin(groups, eq(groups.id, memberships.groupId))
    .innerJoin(universities, eq(universities.id, groups.universityId))
    .where(and(eq(memberships.userId, learnerId), eq(memberships.role, 'student')))
    .orderBy(asc(groups.name));
}

/** Whether a tutor follows a learner in any of their groups. */
export async function tutorFollowsLearner(db: Db, tutorId: string, learnerId: string): Promise<boolean> {
  const [row] = await db
    .select({ one: sql<number>`1` })
    .from(memberships)
    .where(
      and(
        eq(memberships.userId, learnerId),
        eq(memberships.role, 'student'),
        sql`exists (select 1 from ${memberships} t where t.group_id = ${memberships.groupId}
          and t.user_id = ${tutorId} and t.role = 'tutor')`,
      ),
    )
    .limit(1);
  return row !== undefined;
}
