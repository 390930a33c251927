// Learners' feeds in one statement: for a lab connecting at once, and inside the live socket's
// connect statement (see `findSessionActors`), so that a learner's socket opens in one round trip.
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../client.ts';
import { rowsOf } from '../dashboards.ts';
import type { MessageViewRow } from './messages.ts';
import type { LiveSessionViewRow } from './sessions.ts';

export interface FeedRows {
  /** The latest messages, newest first, with the reader's read time. */
  messages: MessageViewRow[];
  unread: number;
  /** The ids of their open and taken help requests, oldest first. */
  help: string[];
  /** The live sessions running now in their groups. */
  sessions: LiveSessionViewRow[];
}

interface FeedJson {
  messages: Array<
    Omit<MessageViewRow, 'createdAt' | 'readAt'> & { createdAt: string; readAt: string | null }
  >;
  unread: number;
  help: string[] | null;
  sessions: Array<
    Omit<LiveSessionViewRow, 'startedAt' | 'endedAt'> & { startedAt: string; endedAt: string | null }
  >;
}

/** A json or jsonb value as the driver hands it over: parsed already (PGlite) or as text. */
export function fromJson<T>(value: unknown): T {
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}

/** A learner's groups as a student, for `feedJson` (the reader is `user`, an expression). */
export function studentGroupsSql(user: SQL): SQL {
  return sql`array(select sm.group_id from memberships sm
    where sm.user_id = ${user} and sm.role = 'student' and sm.group_id is not null)`;
}

/**
 * The feed of the reader `user` in the groups `groups` (SQL expressions of the enclosing query), as
 * one json value: the latest `limit` messages addressed to them or to one of their groups, how many
 * of those they have not read, their active help requests and their groups' running sessions.
 * Every table inside is aliased, so that `user` may name a column of the enclosing query.
 */
export function feedJson(user: SQL, groups: SQL, limit: number): SQL {
  const addressed = sql`(t.recipient_id = ${user} or (t.recipient_id is null and t.group_id = any(${groups})))`;
  return sql`json_build_object(
    'messages', coalesce((select json_agg(x) from (
      select t.id, t.group_id as "groupId", t.sender_id as "senderId", t.recipient_id as "recipientId",
        t.help_request_id as "helpRequestId", t.kind, t.body, t.created_at as "createdAt",
        su.display_name as "senderName",
        (select r.read_at from message_reads r where r.message_id = t.id and r.user_id = ${user}) as "readAt"
      from tutor_messages t join users su on su.id = t.sender_id
      where ${addressed}
      order by t.created_at desc limit ${limit}) x), '[]'::json),
    'unread', (select count(*)::int from tutor_messages t where ${addressed}
      and not exists (select 1 from message_reads r where r.message_id = t.id and r.user_id = ${user})),
    'help', (select json_agg(h.id order by h.created_at) from help_requests h
      where h.user_id = ${user} and h.status in ('open', 'taken')),
    'sessions', coalesce((select json_agg(json_build_object(
        'id', ls.id, 'groupId', ls.group_id, 'title', ls.title, 'moduleSlug', mo.slug,
        'moduleTitle', (select v.title from module_versions v
          where v.module_id = ls.module_id and v.status <> 'draft' order by v.version desc limit 1),
        'tutorId', ls.tutor_id, 'tutorName', tu.display_name,
        'startedAt', ls.started_at, 'endedAt', ls.ended_at) order by ls.started_at desc)
      from live_sessions ls join users tu on tu.id = ls.tutor_id left join modules mo on mo.id = ls.module_id
      where ls.group_id = any(${groups}) and ls.ended_at is null), '[]'::json))`;
}

/** A feed as `feedJson` answered it, with its dates as dates. */
export function toFeedRows(value: unknown): FeedRows {
  const feed = fromJson<FeedJson>(value);
  return {
    messages: feed.messages.map((m) => ({
      ...m,
      createdAt: new Date(m.createdAt),
      readAt: m.readAt === null ? null : new Date(m.readAt),
    })),
    unread: feed.unread,
    help: feed.help ?? [],
    sessions: feed.sessions.map((s) => ({
      ...s,
      startedAt: new Date(s.startedAt),
      endedAt: s.endedAt === null ? null : new Date(s.endedAt),
    })),
  };
}

/** The feeds of learners (each with their groups), in one statement. */
export async function loadFeeds(
  db: Db,
  readers: Array<{ userId: string; groupIds: string[] }>,
  limit: number,
): Promise<Map<string, FeedRows>> {
  if (readers.length === 0) return new Map();
  const values = sql.join(
    readers.map((r) => sql`(${r.userId}::uuid, ${`{${r.groupIds.join(',')}}`}::uuid[])`),
    sql`, `,
  );
  const rows = await rowsOf<{ user_id: string; feed: unknown }>(
    db,
    sql`select reader.user_id, ${feedJson(sql`reader.user_id`, sql`reader.group_ids`, limit)} as feed
      from (values ${values}) as reader(user_id, group_ids)`,
  );
  return new Map(rows.map((row) => [row.user_id, toFeedRows(row.feed)]));
}
