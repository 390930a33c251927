// Live work sessions of a group: start, rename, end, and what happened during them.
import { and, desc, eq, gte, inArray, isNull, lte, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../client.ts';
import {
  groups,
  helpRequests,
  liveSessionAttendance,
  liveSessions,
  memberships,
  moduleVersions,
  modules,
  runs,
  submissions,
  users,
} from '../../schema/index.ts';

export interface LiveSessionViewRow {
  id: string;
  groupId: string;
  title: string;
  moduleSlug: string | null;
  moduleTitle: string | null;
  tutorId: string;
  tutorName: string;
  startedAt: Date;
  endedAt: Date | null;
}

const latestTitle = sql<string | null>`(select v.title from ${moduleVersions} v
  where v.module_id = ${liveSessions.moduleId} and v.status <> 'draft' order by v.version desc limit 1)`;

function selectViews(db: Db, where: SQL | undefined) {
  return db
    .select({
      id: liveSessions.id,
      groupId: liveSessions.groupId,
      title: liveSessions.title,
      moduleSlug: modules.slug,
      moduleTitle: latestTitle,
      tutorId: liveSessions.tutorId,
      tutorName: users.displayName,
      startedAt: liveSessions.startedAt,
      endedAt: liveSessions.endedAt,
    })
    .from(liveSessions)
    .innerJoin(users, eq(users.id, liveSessions.tutorId))
    .leftJoin(modules, eq(modules.id, liveSessions.moduleId))
    .where(where)
    .orderBy(desc(liveSessions.startedAt));
}

export async function findLiveSessionView(db: Db, id: string): Promise<LiveSessionViewRow | undefined> {
  const [row] = await selectViews(db, eq(liveSessions.id, id));
  return row;
}

/** The sessions running now in these groups. */
export async function listRunningSessionViews(db: Db, groupIds: string[]): Promise<LiveSessionViewRow[]> {
  if (groupIds.length === 0) return [];
  return selectViews(db, and(inArray(liveSessions.groupId, groupIds), isNull(liveSessions.endedAt)));
}

/** A group's sessions, newest first. */
export async function listGroupLiveSessions(
  db: Db,
  groupId: string,
  limit: number,
): Promise<LiveSessionViewRow[]> {
  return selectViews(db, eq(liveSessions.groupId, groupId)).limit(limit);
}

/**
 * Starts a session unless one is running in the group (the group row is locked meanwhile, so two
 * tutors starting at once get one session). Answers the new id, or undefined when one is running.
 */
export async function startLiveSession(
  db: Db,
  session: { groupId: string; tutorId: string; title: string; moduleId: string | null; now: Date },
): Promise<string | undefined> {
  return db.transaction(async (tx) => {
    await tx.select({ id: groups.id }).from(groups).where(eq(groups.id, session.groupId)).for('update');
    const [running] = await tx
      .select({ id: liveSessions.id })
      .from(liveSessions)
      .where(and(eq(liveSessions.groupId, session.groupId), isNull(liveSessions.endedAt)))
      .limit(1);
    if (running) return undefined;
    const [row] = await tx
      .insert(liveSessions)
      .values({
        groupId: session.groupId,
        tutorId: session.tutorId,
        title: session.title,
        moduleId: session.moduleId,
        startedAt: session.now,
      })
      .returning({ id: liveSessions.id });
    return row!.id;
  });
}

export async function renameLiveSession(db: Db, id: string, title: string): Promise<void> {
  await db.update(liveSessions).set({ title }).where(eq(liveSessions.id, id));
}

/** Ends a running session and closes its open attendance; false when it had already ended. */
export async function endLiveSession(db: Db, id: string, now: Date): Promise<boolean> {
  return db.transaction(async (tx) => {
    const ended = await tx
      .update(liveSessions)
      .set({ endedAt: now })
      .where(and(eq(liveSessions.id, id), isNull(liveSessions.endedAt)))
      .returning({ id: liveSessions.id });
    if (ended.length === 0) return false;
    await tx
      .update(liveSessionAttendance)
      .set({ leftAt: now })
      .where(and(eq(liveSessionAttendance.liveSessionId, id), isNull(liveSessionAttendance.leftAt)));
    return true;
  });
}

export interface SessionFacts {
  learners: Array<{ id: string; displayName: string }>;
  attendance: Array<{ userId: string; joinedAt: Date; leftAt: Date | null }>;
  help: Array<{ createdAt: Date; takenAt: Date | null; status: string }>;
  runs: number;
  submissions: number;
  fullScores: number;
}

/** What happened in a session's window: attendance, help requests and the learners' work. */
export async function loadSessionFacts(
  db: Db,
  session: { id: string; groupId: string; startedAt: Date; endedAt: Date | null },
  now: Date,
): Promise<SessionFacts> {
  const end = session.endedAt ?? now;
  const learners = await db
    .select({ id: users.id, displayName: users.displayName })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.groupId, session.groupId), eq(memberships.role, 'student')))
    .orderBy(users.displayName);
  const learnerIds = learners.map((l) => l.id);
  const inWindow = <T extends typeof runs.createdAt | typeof submissions.createdAt>(column: T) =>
    and(gte(column, session.startedAt), lte(column, end));
  const [attendance, help, runCount, submissionCounts] = await Promise.all([
    db
      .select({
        userId: liveSessionAttendance.userId,
        joinedAt: liveSessionAttendance.joinedAt,
        leftAt: liveSessionAttendance.leftAt,
      })
      .from(liveSessionAttendance)
      .where(eq(liveSessionAttendance.liveSessionId, session.id)),
    db
      .select({
        createdAt: helpRequests.createdAt,
        takenAt: helpRequests.takenAt,
        status: helpRequests.status,
      })
      .from(helpRequests)
      .where(
        and(
          eq(helpRequests.groupId, session.groupId),
          gte(helpRequests.createdAt, session.startedAt),
          lte(helpRequests.createdAt, end),
        ),
      ),
    learnerIds.length === 0
      ? Promise.resolve([{ n: 0 }])
      : db
          .select({ n: sql<number>`count(*)::int` })
          .from(runs)
          .where(and(inArray(runs.userId, learnerIds), inWindow(runs.createdAt))),
    learnerIds.length === 0
      ? Promise.resolve([{ n: 0, full: 0 }])
      : db
          .select({
            n: sql<number>`count(*)::int`,
            full: sql<number>`(count(*) filter (where ${submissions.status} = 'graded'
              and ${submissions.score} >= ${submissions.maxScore}))::int`,
          })
          .from(submissions)
          .where(and(inArray(submissions.userId, learnerIds), inWindow(submissions.createdAt))),
  ]);
  return {
    learners,
    attendance,
    help,
    runs: runCount[0]?.n ?? 0,
    submissions: submissionCounts[0]?.n ?? 0,
    fullScores: (submissionCounts[0] as { full?: number } | undefined)?.full ?? 0,
  };
}
