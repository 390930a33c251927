// The feeds of many learners at once (a lab connecting together): a few statements for all of
// them instead of a few each.
import { and, desc, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import type { Db } from '../../client.ts';
import { helpRequests, messageReads, tutorMessages, users } from '../../schema/index.ts';
import { listHelpRequestViews, type HelpRequestViewRow } from './help.ts';
import type { MessageViewRow } from './messages.ts';

export interface FeedRows {
  /** The latest messages, newest first, with the reader's read time. */
  messages: MessageViewRow[];
  unread: number;
  /** Open and taken help requests. */
  help: HelpRequestViewRow[];
}

/** The feeds of learners (each with their groups): latest `limit` messages, unread count, open help. */
export async function loadFeeds(
  db: Db,
  readers: Array<{ userId: string; groupIds: string[] }>,
  limit: number,
): Promise<Map<string, FeedRows>> {
  const feeds = new Map<string, FeedRows>(
    readers.map((r) => [r.userId, { messages: [], unread: 0, help: [] }]),
  );
  if (readers.length === 0) return feeds;
  const userIds = readers.map((r) => r.userId);
  const groupIds = [...new Set(readers.flatMap((r) => r.groupIds))];
  const toGroups =
    groupIds.length > 0
      ? and(isNull(tutorMessages.recipientId), inArray(tutorMessages.groupId, groupIds))
      : undefined;
  const addressed = or(inArray(tutorMessages.recipientId, userIds), toGroups);
  // The latest `limit` messages of each recipient and of each group: enough for every reader's latest.
  const rank = sql<number>`row_number() over (partition by coalesce(${tutorMessages.recipientId}, ${tutorMessages.groupId})
    order by ${tutorMessages.createdAt} desc)`;
  const ranked = db
    .select({ id: tutorMessages.id, rank: rank.as('rank') })
    .from(tutorMessages)
    .where(addressed)
    .as('ranked');
  const [latest, directUnread, perGroup, broadcastReads, help] = await Promise.all([
    db
      .select({
        id: tutorMessages.id,
        groupId: tutorMessages.groupId,
        senderId: tutorMessages.senderId,
        recipientId: tutorMessages.recipientId,
        helpRequestId: tutorMessages.helpRequestId,
        kind: tutorMessages.kind,
        body: tutorMessages.body,
        createdAt: tutorMessages.createdAt,
        senderName: users.displayName,
      })
      .from(ranked)
      .innerJoin(tutorMessages, eq(tutorMessages.id, ranked.id))
      .innerJoin(users, eq(users.id, tutorMessages.senderId))
      .where(sql`${ranked.rank} <= ${limit}`)
      .orderBy(desc(tutorMessages.createdAt)),
    db
      .select({ userId: sql<string>`${tutorMessages.recipientId}`, n: sql<number>`count(*)::int` })
      .from(tutorMessages)
      .where(
        and(
          inArray(tutorMessages.recipientId, userIds),
          sql`not exists (select 1 from ${messageReads} r where r.message_id = ${tutorMessages.id}
            and r.user_id = ${tutorMessages.recipientId})`,
        ),
      )
      .groupBy(tutorMessages.recipientId),
    groupIds.length === 0
      ? Promise.resolve([])
      : db
          .select({ groupId: tutorMessages.groupId, n: sql<number>`count(*)::int` })
          .from(tutorMessages)
          .where(and(isNull(tutorMessages.recipientId), inArray(tutorMessages.groupId, groupIds)))
          .groupBy(tutorMessages.groupId),
    db
      .select({
        userId: messageReads.userId,
        messageId: messageReads.messageId,
        groupId: tutorMessages.groupId,
        broadcast: sql<boolean>`${tutorMessages.recipientId} is null`,
        readAt: messageReads.readAt,
      })
      .from(messageReads)
      .innerJoin(tutorMessages, eq(tutorMessages.id, messageReads.messageId))
      .where(and(inArray(messageReads.userId, userIds), addressed)),
    db
      .select({ id: helpRequests.id })
      .from(helpRequests)
      .where(and(inArray(helpRequests.userId, userIds), inArray(helpRequests.status, ['open', 'taken'])))
      .then((rows) =>
        listHelpRequestViews(
          db,
          rows.map((r) => r.id),
        ),
      ),
  ]);
  const readAt = new Map(broadcastReads.map((r) => [`${r.userId}:${r.messageId}`, r.readAt]));
  const groupCount = new Map(perGroup.map((g) => [g.groupId, g.n]));
  for (const reader of readers) {
    const feed = feeds.get(reader.userId)!;
    feed.messages = latest
      .filter(
        (m) =>
          m.recipientId === reader.userId || (m.recipientId === null && reader.groupIds.includes(m.groupId)),
      )
      .slice(0, limit)
      .map((m) => ({ ...m, readAt: readAt.get(`${reader.userId}:${m.id}`) ?? null }));
    const broadcastsRead = broadcastReads.filter(
      (r) => r.userId === reader.userId && r.broadcast && reader.groupIds.includes(r.groupId),
    ).length;
    const broadcasts = reader.groupIds.reduce((sum, g) => sum + (groupCount.get(g) ?? 0), 0);
    feed.unread =
      (directUnread.find((d) => d.userId === reader.userId)?.n ?? 0) + broadcasts - broadcastsRead;
    feed.help = help.filter((h) => h.learnerId === reader.userId);
  }
  return feeds;
}
