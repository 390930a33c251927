import type { Db } from '../client.ts';
import { notifications } from '../schema/index.ts';

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
