import { and, eq, lt, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { sessions, users } from '../schema/index.ts';
import { feedJson, fromJson, studentGroupsSql, toFeedRows, type FeedRows } from './tutoring/feeds.ts';
import { oncePerDatabase } from './prepared.ts';
import { sessionUserColumns, type SessionUser, type UserMembership } from './users.ts';

export type SessionRow = typeof sessions.$inferSelect;

export async function insertSession(db: Db, session: typeof sessions.$inferInsert): Promise<void> {
  await db.insert(sessions).values(session);
}

export interface SessionActorRow {
  session: SessionRow;
  user: SessionUser;
  /** As `listUserMemberships` lists them. */
  memberships: UserMembership[];
  /** The learner's feed (with `feedLimit`, for a learner: one with a student membership). */
  feed?: FeedRows;
}

/** A user's memberships with their group, university and tutors' names, as one json array. */
const membershipsJson = sql`coalesce((select json_agg(json_build_object(
    'role', m.role, 'groupId', m.group_id, 'groupName', g.name, 'universityName', un.name,
    'tutorName', (select string_agg(tu.display_name, ', ' order by tu.display_name)
      from memberships tm join users tu on tu.id = tm.user_id
      where tm.group_id = m.group_id and tm.role = 'tutor'))
    order by m.created_at, g.name)
  from memberships m left join groups g on g.id = m.group_id
  left join universities un on un.id = g.university_id
  where m.user_id = ${users.id}), '[]'::json)`;

/**
 * Live sessions with their users and memberships, in one statement for many sessions (every request
 * and socket of a moment, gathered). With `feedLimit`, a learner's feed comes in the same statement:
 * a learner's socket then opens in one round trip.
 */
export async function findSessionActors(
  db: Db,
  sessionIds: string[],
  now: Date,
  options: { feedLimit?: number } = {},
): Promise<Map<string, SessionActorRow>> {
  if (sessionIds.length === 0) return new Map();
  const rows = await sessionActorsQuery(db, options.feedLimit).execute({
    ids: sessionIds,
    now: now.toISOString(),
  });
  return new Map(
    rows.map((row) => [
      row.session.id,
      {
        session: row.session,
        user: row.user,
        memberships: fromJson<UserMembership[]>(row.memberships),
        ...(row.feed === null || row.feed === undefined ? {} : { feed: toFeedRows(row.feed) }),
      },
    ]),
  );
}

/**
 * The statement of `findSessionActors`, built once per database and feed limit: its SQL (the feed's
 * is long) is not rebuilt for every batch of sockets.
 */
function sessionActorsQuery(db: Db, feedLimit: number | undefined) {
  const built = preparedActors(db);
  let query = built.get(feedLimit);
  if (!query) {
    const groupsOfUser = studentGroupsSql(sql`${users.id}`);
    query = db
      .select({
        session: sessions,
        user: sessionUserColumns,
        memberships: membershipsJson,
        feed:
          feedLimit === undefined
            ? sql<unknown>`null`
            : sql<unknown>`case when cardinality(${groupsOfUser}) > 0
                then ${feedJson(sql`${users.id}`, groupsOfUser, feedLimit)} end`,
      })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .where(
        and(
          sql`${sessions.id} = any(${sql.placeholder('ids')}::text[])`,
          sql`${sessions.expiresAt} > ${sql.placeholder('now')}::timestamptz`,
        ),
      )
      .prepare(`session_actors_${feedLimit ?? 'plain'}`);
    built.set(feedLimit, query);
  }
  return query;
}

interface ActorsQuery {
  execute(values: {
    ids: string[];
    /** ISO 8601: a placeholder's value reaches postgres.js unconverted. */
    now: string;
  }): Promise<Array<{ session: SessionRow; user: SessionUser; memberships: unknown; feed: unknown }>>;
}
const preparedActors = oncePerDatabase(() => new Map<number | undefined, ActorsQuery>());

/** Slides a session's expiry forward. */
export async function touchSession(db: Db, sessionId: string, now: Date, expiresAt: Date): Promise<void> {
  await db.update(sessions).set({ lastSeenAt: now, expiresAt }).where(eq(sessions.id, sessionId));
}

export async function deleteSession(db: Db, sessionId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, sessionId));
}

export async function deleteUserSessions(db: Db, userId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.userId, userId));
}

export async function deleteExpiredSessions(db: Db, now: Date): Promise<void> {
  await db.delete(sessions).where(lt(sessions.expiresAt, now));
}
