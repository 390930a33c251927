import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { exercises, notifications } from '../schema/index.ts';

export type NotificationKind = (typeof notifications.$inferInsert)['kind'];
export type NotificationRow = typeof notifications.$inferSelect;
export interface NewNotification {
  userId: string;
  kind: NotificationKind;
  /** The message's parameters (rendered in the reader's language when read). */
  data: Record<string, unknown>;
}

/**
 * Stores notifications for their readers. Call it inside the transaction of the change they tell
 * about, so that a decision and its notifications land together or not at all.
 */
export async function insertNotifications(db: Db, entries: NewNotification[]): Promise<void> {
  if (entries.length > 0) await db.insert(notifications).values(entries);
}

/** A reader's notifications, newest first. */
export async function listNotifications(db: Db, userId: string, limit: number): Promise<NotificationRow[]> {
  return db
    .select()
    .from(notifications)
    .where(eq(notifications.userId, userId))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(limit);
}

/** How many of a reader's notifications are unread. */
export async function countUnreadNotifications(db: Db, userId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
  return Number(row?.n ?? 0);
}

/**
 * Marks a reader's notifications read: those of `ids` (others' ids are ignored), or all of them
 * when `ids` is empty. Answers how many were unread and are now read.
 */
export async function markNotificationsRead(
  db: Db,
  userId: string,
  ids: string[],
  now: Date,
): Promise<number> {
  const rows = await db
    .update(notifications)
    .set({ readAt: now })
    .where(
      and(
        eq(notifications.userId, userId),
        isNull(notifications.readAt),
        ids.length > 0 ? inArray(notifications.id, ids) : undefined,
      ),
    )
    .returning({ id: notifications.id });
  return rows.length;
}

/** Exercises' titles (French, and English where written), for messages that name them. */
export async function findExerciseTitles(
  db: Db,
  ids: string[],
): Promise<Map<string, { title: string; en: unknown }>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: exercises.id, title: exercises.title, en: exercises.en })
    .from(exercises)
    .where(inArray(exercises.id, ids));
  return new Map(rows.map((r) => [r.id, { title: r.title, en: r.en }]));
}
