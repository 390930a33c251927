// The help queue: requests with what a tutor needs to answer them, their handling and the
// response times the coordination follows.
import { and, asc, eq, gte, inArray, lte, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../client.ts';
import { exercises, helpRequests, tutorMessages, users } from '../../schema/index.ts';

export type HelpRequestStatus = (typeof helpRequests.$inferSelect)['status'];

export interface HelpRequestViewRow {
  id: string;
  groupId: string;
  learnerId: string;
  learnerName: string;
  exerciseId: string | null;
  exerciseTitle: string | null;
  message: string;
  status: HelpRequestStatus;
  createdAt: Date;
  takenById: string | null;
  takenByName: string | null;
  takenAt: Date | null;
  resolvedAt: Date | null;
  replies: number;
}

const takers = alias(users, 'takers');

function selectViews(db: Db, where: SQL | undefined) {
  return db
    .select({
      id: helpRequests.id,
      groupId: helpRequests.groupId,
      learnerId: helpRequests.userId,
      learnerName: users.displayName,
      exerciseId: helpRequests.exerciseId,
      exerciseTitle: exercises.title,
      message: helpRequests.message,
      status: helpRequests.status,
      createdAt: helpRequests.createdAt,
      takenById: helpRequests.takenBy,
      takenByName: takers.displayName,
      takenAt: helpRequests.takenAt,
      resolvedAt: helpRequests.resolvedAt,
      replies: sql<number>`(select count(*)::int from ${tutorMessages} m where m.help_request_id = ${helpRequests.id})`,
    })
    .from(helpRequests)
    .innerJoin(users, eq(users.id, helpRequests.userId))
    .leftJoin(exercises, eq(exercises.id, helpRequests.exerciseId))
    .leftJoin(takers, eq(takers.id, helpRequests.takenBy))
    .where(where)
    .orderBy(asc(helpRequests.createdAt));
}

const ACTIVE: HelpRequestStatus[] = ['open', 'taken'];

/** A group's requests in order of arrival: open and taken ones, or also those closed since a date. */
export async function listGroupHelpRequests(
  db: Db,
  groupId: string,
  closedSince?: Date,
): Promise<HelpRequestViewRow[]> {
  const active = inArray(helpRequests.status, ACTIVE);
  return selectViews(
    db,
    and(
      eq(helpRequests.groupId, groupId),
      closedSince ? or(active, gte(helpRequests.createdAt, closedSince)) : active,
    ),
  );
}

/** The open and taken requests of several groups, in order of arrival. */
export async function listGroupsActiveHelp(db: Db, groupIds: string[]): Promise<HelpRequestViewRow[]> {
  if (groupIds.length === 0) return [];
  return selectViews(db, and(inArray(helpRequests.groupId, groupIds), inArray(helpRequests.status, ACTIVE)));
}

/** A learner's open and taken requests. */
export async function listLearnerActiveHelp(db: Db, userId: string): Promise<HelpRequestViewRow[]> {
  return selectViews(db, and(eq(helpRequests.userId, userId), inArray(helpRequests.status, ACTIVE)));
}

export async function findHelpRequestView(db: Db, id: string): Promise<HelpRequestViewRow | undefined> {
  const [row] = await selectViews(db, eq(helpRequests.id, id));
  return row;
}

/** Several requests at once (those missing are left out). */
export async function listHelpRequestViews(db: Db, ids: string[]): Promise<HelpRequestViewRow[]> {
  if (ids.length === 0) return [];
  return selectViews(db, inArray(helpRequests.id, ids));
}

/** A tutor answers a request: it becomes taken (the first response time is kept). False when closed. */
export async function takeHelpRequest(db: Db, id: string, tutorId: string, now: Date): Promise<boolean> {
  const rows = await db
    .update(helpRequests)
    .set({
      status: 'taken',
      takenBy: tutorId,
      takenAt: sql`coalesce(${helpRequests.takenAt}, ${now.toISOString()}::timestamptz)`,
    })
    .where(and(eq(helpRequests.id, id), inArray(helpRequests.status, ACTIVE)))
    .returning({ id: helpRequests.id });
  return rows.length > 0;
}

/** Closes a request: resolved by a tutor, or cancelled by its learner. False when already closed. */
export async function closeHelpRequest(
  db: Db,
  id: string,
  { status, by, now }: { status: 'resolved' | 'cancelled'; by: string; now: Date },
): Promise<boolean> {
  const rows = await db
    .update(helpRequests)
    .set({
      status,
      resolvedAt: now,
      ...(status === 'resolved'
        ? {
            takenBy: sql`coalesce(${helpRequests.takenBy}, ${by}::uuid)`,
            takenAt: sql`coalesce(${helpRequests.takenAt}, ${now.toISOString()}::timestamptz)`,
          }
        : {}),
    })
    .where(and(eq(helpRequests.id, id), inArray(helpRequests.status, ACTIVE)))
    .returning({ id: helpRequests.id });
  return rows.length > 0;
}

export interface HelpStatsRow {
  requests: number;
  taken: number;
  resolved: number;
  cancelled: number;
  stillOpen: number;
  waitMedian: number | null;
  waitP90: number | null;
  waitMax: number | null;
  resolveMedian: number | null;
  resolveP90: number | null;
}

/**
 * Response times of requests created in a window (a group's, or all): wait is taken_at minus
 * created_at, resolution is resolved_at minus created_at, in seconds.
 */
export async function helpResponseStats(
  db: Db,
  { groupId, from, to }: { groupId?: string; from?: Date; to?: Date },
): Promise<HelpStatsRow> {
  const wait = sql`extract(epoch from (${helpRequests.takenAt} - ${helpRequests.createdAt}))`;
  const resolve = sql`extract(epoch from (${helpRequests.resolvedAt} - ${helpRequests.createdAt}))`;
  const resolvedOnly = sql`${helpRequests.status} = 'resolved'`;
  const [row] = await db
    .select({
      requests: sql<number>`count(*)::int`,
      taken: sql<number>`count(${helpRequests.takenAt})::int`,
      resolved: sql<number>`(count(*) filter (where ${helpRequests.status} = 'resolved'))::int`,
      cancelled: sql<number>`(count(*) filter (where ${helpRequests.status} = 'cancelled'))::int`,
      stillOpen: sql<number>`(count(*) filter (where ${helpRequests.status} in ('open', 'taken')))::int`,
      waitMedian: sql<number | null>`(percentile_cont(0.5) within group (order by ${wait}))::float8`,
      waitP90: sql<number | null>`(percentile_cont(0.9) within group (order by ${wait}))::float8`,
      waitMax: sql<number | null>`(max(${wait}))::float8`,
      resolveMedian: sql<
        number | null
      >`(percentile_cont(0.5) within group (order by ${resolve}) filter (where ${resolvedOnly}))::float8`,
      resolveP90: sql<
        number | null
      >`(percentile_cont(0.9) within group (order by ${resolve}) filter (where ${resolvedOnly}))::float8`,
    })
    .from(helpRequests)
    .where(
      and(
        groupId ? eq(helpRequests.groupId, groupId) : undefined,
        from ? gte(helpRequests.createdAt, from) : undefined,
        to ? lte(helpRequests.createdAt, to) : undefined,
      ),
    );
  return row!;
}
