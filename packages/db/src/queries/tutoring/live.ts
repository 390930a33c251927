// What the live hub reads to (re)build a group's state: learners, their latest activity, their
// attempts on the exercise they are on, drafts, presence and the open help requests.
import { and, asc, desc, eq, gte, inArray, isNotNull, sql } from 'drizzle-orm';
import type { Db } from '../../client.ts';
import {
  activityLog,
  drafts,
  exercises,
  groups,
  learnerPresence,
  liveConnections,
  liveInstances,
  memberships,
  runs,
  submissions,
  users,
} from '../../schema/index.ts';

export interface LiveLearnerRow {
  id: string;
  displayName: string;
  /** When the learner's device last had nothing left to send (null: never told). */
  lastSyncedAt: Date | null;
}

/** A group's name and learners (students), by name; undefined when the group does not exist. */
export async function findLiveGroup(db: Db, groupId: string): Promise<LiveGroupRow | undefined> {
  return (await findLiveGroups(db, [groupId])).get(groupId);
}

export interface LiveGroupRow {
  id: string;
  name: string;
  learners: LiveLearnerRow[];
}

/** `findLiveGroup` for several groups at once (a cockpit per tutor opening together): two statements. */
export async function findLiveGroups(db: Db, groupIds: string[]): Promise<Map<string, LiveGroupRow>> {
  if (groupIds.length === 0) return new Map();
  const found = await db
    .select({ id: groups.id, name: groups.name })
    .from(groups)
    .where(inArray(groups.id, groupIds));
  const byId = new Map<string, LiveGroupRow>(found.map((g) => [g.id, { ...g, learners: [] }]));
  if (byId.size === 0) return byId;
  const learners = await db
    .select({
      groupId: memberships.groupId,
      id: users.id,
      displayName: users.displayName,
      lastSyncedAt: users.lastSyncedAt,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(inArray(memberships.groupId, [...byId.keys()]), eq(memberships.role, 'student')))
    .orderBy(asc(users.displayName));
  for (const { groupId, ...learner } of learners) byId.get(groupId!)?.learners.push(learner);
  return byId;
}

export interface LatestSignRow {
  userId: string;
  exerciseId: string | null;
  at: Date;
  source: 'activity' | 'draft' | 'last-seen';
}

/**
 * Per learner, the latest signs of where they are: last logged activity on an exercise, last
 * draft saved, and where they were last seen live.
 */
export async function listLatestSigns(db: Db, userIds: string[]): Promise<LatestSignRow[]> {
  if (userIds.length === 0) return [];
  const [activity, draftRows, lastSeen] = await Promise.all([
    db
      .selectDistinctOn([activityLog.userId], {
        userId: activityLog.userId,
        exerciseId: activityLog.exerciseId,
        at: activityLog.createdAt,
      })
      .from(activityLog)
      .where(and(inArray(activityLog.userId, userIds), isNotNull(activityLog.exerciseId)))
      .orderBy(activityLog.userId, desc(activityLog.createdAt)),
    db
      .selectDistinctOn([drafts.userId], {
        userId: drafts.userId,
        exerciseId: drafts.exerciseId,
        at: drafts.updatedAt,
      })
      .from(drafts)
      .where(inArray(drafts.userId, userIds))
      .orderBy(drafts.userId, desc(drafts.updatedAt)),
    db
      .select({
        userId: learnerPresence.userId,
        exerciseId: learnerPresence.exerciseId,
        at: learnerPresence.lastSeenAt,
      })
      .from(learnerPresence)
      .where(inArray(learnerPresence.userId, userIds)),
  ]);
  return [
    ...activity.map((r) => ({ ...r, source: 'activity' as const })),
    ...draftRows.map((r) => ({ ...r, source: 'draft' as const })),
    ...lastSeen.map((r) => ({ ...r, source: 'last-seen' as const })),
  ];
}

export interface LiveConnectionRow {
  userId: string;
  instanceId: string;
  sockets: number;
  exerciseId: string | null;
  lastActiveAt: Date;
}

/** The live connections of these learners on instances whose heartbeat is fresh. */
export async function listLiveConnections(
  db: Db,
  userIds: string[],
  freshSince: Date,
): Promise<LiveConnectionRow[]> {
  if (userIds.length === 0) return [];
  return db
    .select({
      userId: liveConnections.userId,
      instanceId: liveConnections.instanceId,
      sockets: liveConnections.sockets,
      exerciseId: liveConnections.exerciseId,
      lastActiveAt: liveConnections.lastActiveAt,
    })
    .from(liveConnections)
    .innerJoin(liveInstances, eq(liveInstances.id, liveConnections.instanceId))
    .where(and(inArray(liveConnections.userId, userIds), gte(liveInstances.heartbeatAt, freshSince)));
}

export interface AttemptRow {
  id: string;
  kind: 'run' | 'submission';
  userId: string;
  exerciseId: string;
  passed: number | null;
  total: number | null;
  /** Submissions: queued, grading, graded, error; runs: done. */
  status: string;
  /** The result's own verdict (pass, fail, partial, error), when graded. */
  verdict: string | null;
  score: number | null;
  maxScore: number | null;
  createdAt: Date;
}

/** Every run and submission of these learners on these exercises, oldest first. */
export async function listAttempts(
  db: Db,
  pairs: Array<{ userId: string; exerciseId: string }>,
): Promise<AttemptRow[]> {
  if (pairs.length === 0) return [];
  const userIds = [...new Set(pairs.map((p) => p.userId))];
  const exerciseIds = [...new Set(pairs.map((p) => p.exerciseId))];
  const wanted = new Set(pairs.map((p) => `${p.userId}:${p.exerciseId}`));
  const [runRows, submissionRows] = await Promise.all([
    db
      .select({
        id: runs.id,
        userId: runs.userId,
        exerciseId: runs.exerciseId,
        passed: runs.testsPassed,
        total: runs.testsTotal,
        verdict: sql<string | null>`${runs.result}->>'status'`,
        createdAt: runs.createdAt,
      })
      .from(runs)
      .where(and(inArray(runs.userId, userIds), inArray(runs.exerciseId, exerciseIds))),
    db
      .select({
        id: submissions.id,
        userId: submissions.userId,
        exerciseId: submissions.exerciseId,
        passed: sql<number | null>`(${submissions.results}->>'passed')::int`,
        total: sql<number | null>`(${submissions.results}->>'total')::int`,
        status: submissions.status,
        verdict: sql<string | null>`${submissions.results}->>'status'`,
        score: submissions.score,
        maxScore: submissions.maxScore,
        createdAt: submissions.createdAt,
      })
      .from(submissions)
      .where(and(inArray(submissions.userId, userIds), inArray(submissions.exerciseId, exerciseIds))),
  ]);
  const all: AttemptRow[] = [
    ...runRows.map((r) => ({ ...r, kind: 'run' as const, status: 'done', score: null, maxScore: null })),
    ...submissionRows.map((r) => ({ ...r, kind: 'submission' as const })),
  ];
  return all
    .filter((a) => wanted.has(`${a.userId}:${a.exerciseId}`))
    .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
}

export interface ExerciseTitleRow {
  id: string;
  title: string;
  kind: (typeof exercises.$inferSelect)['kind'];
}

/** Titles and kinds of exercises, for tiles and help requests. */
export async function listExerciseTitles(db: Db, ids: string[]): Promise<ExerciseTitleRow[]> {
  if (ids.length === 0) return [];
  return db
    .select({ id: exercises.id, title: exercises.title, kind: exercises.kind })
    .from(exercises)
    .where(inArray(exercises.id, ids));
}

/** The latest draft of a learner (or their draft of one exercise), with its exercise's title. */
export async function findLiveDraft(
  db: Db,
  userId: string,
  exerciseId?: string,
): Promise<{ exerciseId: string; title: string; code: string; updatedAt: Date } | undefined> {
  const [row] = await db
    .select({
      exerciseId: drafts.exerciseId,
      title: exercises.title,
      code: drafts.code,
      updatedAt: drafts.updatedAt,
    })
    .from(drafts)
    .innerJoin(exercises, eq(exercises.id, drafts.exerciseId))
    .where(and(eq(drafts.userId, userId), exerciseId ? eq(drafts.exerciseId, exerciseId) : undefined))
    .orderBy(desc(drafts.updatedAt))
    .limit(1);
  return row;
}
