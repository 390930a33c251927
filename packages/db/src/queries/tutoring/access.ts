// Who follows whom: the scope checks of the tutors' routes and channels.
import { and, asc, eq, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../client.ts';
import { flags, memberships } from '../../schema/index.ts';

const tutorships = alias(memberships, 'tutorships');

/** The groups in which a learner is a student and, if given, the tutor tutors; by id. */
export async function listSharedGroups(db: Db, learnerId: string, tutorId?: string): Promise<string[]> {
  const rows = await db
    .select({ groupId: sql<string>`${memberships.groupId}` })
    .from(memberships)
    .leftJoin(
      tutorships,
      and(
        eq(tutorships.groupId, memberships.groupId),
        eq(tutorships.role, 'tutor'),
        tutorId ? eq(tutorships.userId, tutorId) : sql`false`,
      ),
    )
    .where(
      and(
        eq(memberships.userId, learnerId),
        eq(memberships.role, 'student'),
        tutorId ? sql`${tutorships.id} is not null` : undefined,
      ),
    )
    .orderBy(asc(memberships.groupId));
  return rows.map((r) => r.groupId);
}

/** Whether a user is a student of a group. */
export async function isStudentOfGroup(db: Db, userId: string, groupId: string): Promise<boolean> {
  const [row] = await db
    .select({ one: sql<number>`1` })
    .from(memberships)
    .where(
      and(eq(memberships.userId, userId), eq(memberships.groupId, groupId), eq(memberships.role, 'student')),
    )
    .limit(1);
  return row !== undefined;
}

export type FlagRow = typeof flags.$inferSelect;

/** A tutor flags a submission for the graders. */
export async function insertTutorFlag(
  db: Db,
  flag: { submissionId: string; reason: string; raisedBy: string; now: Date },
): Promise<FlagRow> {
  const [row] = await db
    .insert(flags)
    .values({
      submissionId: flag.submissionId,
      source: 'tutor',
      reason: flag.reason,
      raisedBy: flag.raisedBy,
      createdAt: flag.now,
    })
    .returning();
  return row!;
}
