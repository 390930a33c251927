import type { Locale, NotificationList, NotificationsRead } from '@tremplin/contracts';
import {
  countUnreadNotifications,
  findExerciseTitles,
  listNotifications,
  markNotificationsRead,
  type Db,
} from '@tremplin/db';
import type { Actor } from '../auth/auth.service.ts';
import { renderNotification } from './notification-messages.ts';

/** How many notifications a reader is shown (the newest). */
export const NOTIFICATIONS_SHOWN = 50;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What the signed-in person was told: grades changed by a review, decisions, misconduct. */
export class NotificationsService {
  readonly #db: Db;
  readonly #now: () => Date;

  constructor(db: Db, now: () => Date = () => new Date()) {
    this.#db = db;
    this.#now = now;
  }

  async list(actor: Actor, locale: Locale): Promise<NotificationList> {
    const [rows, unread] = await Promise.all([
      listNotifications(this.#db, actor.user.id, NOTIFICATIONS_SHOWN),
      countUnreadNotifications(this.#db, actor.user.id),
    ]);
    const exerciseIds = new Set<string>();
    for (const row of rows) {
      const id = (row.data as { exerciseId?: unknown } | null)?.exerciseId;
      if (typeof id === 'string' && UUID.test(id)) exerciseIds.add(id);
    }
    const titles = await findExerciseTitles(this.#db, [...exerciseIds]);
    const reader = { id: actor.user.id, roles: actor.roles };
    return {
      notifications: rows.map((row) => {
        const found = titles.get(String((row.data as { exerciseId?: unknown } | null)?.exerciseId));
        const en = (found?.en as { title?: unknown } | null)?.title;
        const title = locale === 'en' && typeof en === 'string' && en !== '' ? en : found?.title;
        return renderNotification(row, reader, locale, title);
      }),
      unread,
    };
  }

  /** Marks the given notifications of the reader read, or all of them when none is given. */
  async markRead(actor: Actor, ids: string[]): Promise<NotificationsRead> {
    const marked = await markNotificationsRead(this.#db, actor.user.id, ids, this.#now());
    return { marked, unread: await countUnreadNotifications(this.#db, actor.user.id) };
  }
}
