// Tutors' messages to learners (one, or a whole group) and what each learner has read.
import { and, desc, eq, inArray, isNull, notExists, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../client.ts';
import { messageReads, tutorMessages, users } from '../../schema/index.ts';

export type TutorMessageRow = typeof tutorMessages.$inferSelect;

export interface MessageViewRow extends TutorMessageRow {
  senderName: string;
  readAt: Date | null;
}

export async function insertTutorMessage(
  db: Db,
  message: typeof tutorMessages.$inferInsert,
): Promise<TutorMessageRow> {
  const [row] = await db.insert(tutorMessages).values(message).returning();
  return row!;
}

/** The messages a learner can read: sent to them, or to one of their groups. */
function addressedTo(userId: string, groupIds: string[]): SQL {
  const toGroups =
    groupIds.length > 0
      ? and(isNull(tutorMessages.recipientId), inArray(tutorMessages.groupId, groupIds))
      : undefined;
  return or(eq(tutorMessages.recipientId, userId), toGroups)!;
}

function selectViews(db: Db, readerId: string | null) {
  return db
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
      readAt: readerId
        ? sql<Date | null>`(select r.read_at from ${messageReads} r
            where r.message_id = ${tutorMessages.id} and r.user_id = ${readerId})`.mapWith(toDate)
        : sql<Date | null>`null`,
    })
    .from(tutorMessages)
    .innerJoin(users, eq(users.id, tutorMessages.senderId));
}

function toDate(value: unknown): Date | null {
  return value === null || value === undefined ? null : new Date(value as string);
}

/** A learner's messages, newest first, with when they read each. */
export async function listMessagesFor(
  db: Db,
  userId: string,
  groupIds: string[],
  limit: number,
): Promise<MessageViewRow[]> {
  return selectViews(db, userId)
    .where(addressedTo(userId, groupIds))
    .orderBy(desc(tutorMessages.createdAt))
    .limit(limit);
}

/** How many of a learner's messages they have not read. */
export async function countUnreadFor(db: Db, userId: string, groupIds: string[]): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(tutorMessages)
    .where(
      and(
        addressedTo(userId, groupIds),
        notExists(
          db
            .select({ one: sql`1` })
            .from(messageReads)
            .where(and(eq(messageReads.messageId, tutorMessages.id), eq(messageReads.userId, userId))),
        ),
      ),
    );
  return row?.n ?? 0;
}

/** One message as its sender or a given reader sees it. */
export async function findMessageView(
  db: Db,
  id: string,
  readerId: string | null = null,
): Promise<MessageViewRow | undefined> {
  const [row] = await selectViews(db, readerId).where(eq(tutorMessages.id, id));
  return row;
}

/** Marks messages read by a learner (only those addressed to them; each once). */
export async function markMessagesRead(
  db: Db,
  userId: string,
  groupIds: string[],
  ids: string[],
  now: Date,
): Promise<void> {
  if (ids.length === 0) return;
  const readable = await db
    .select({ id: tutorMessages.id })
    .from(tutorMessages)
    .where(and(inArray(tutorMessages.id, ids), addressedTo(userId, groupIds)));
  if (readable.length === 0) return;
  await db
    .insert(messageReads)
    .values(readable.map((m) => ({ messageId: m.id, userId, readAt: now })))
    .onConflictDoNothing();
}
