import {
  listRunningSessionViews,
  loadFeeds,
  type Db,
  type FeedRows,
  type LiveSessionViewRow,
} from '@tremplin/db';
import { BatchLoader } from './batch-loader.ts';

export const KEPT_MESSAGES = 30;

export interface FeedData extends FeedRows {
  sessions: LiveSessionViewRow[];
}

/** Loads learners' feeds in batches: a lab connecting at once costs a few queries, not a few each. */
export class FeedLoader {
  readonly #groups = new Map<string, string[]>();
  readonly #loader: BatchLoader<string, FeedData>;

  constructor(db: Db) {
    this.#loader = new BatchLoader(async (userIds) => {
      const readers = userIds.map((userId) => ({ userId, groupIds: this.#groups.get(userId) ?? [] }));
      for (const userId of userIds) this.#groups.delete(userId);
      const [feeds, sessions] = await Promise.all([
        loadFeeds(db, readers, KEPT_MESSAGES),
        listRunningSessionViews(db, [...new Set(readers.flatMap((r) => r.groupIds))]),
      ]);
      return new Map(
        readers.map((r) => [
          r.userId,
          { ...feeds.get(r.userId)!, sessions: sessions.filter((s) => r.groupIds.includes(s.groupId)) },
        ]),
      );
    });
  }

  async load(userId: string, groupIds: string[]): Promise<FeedData> {
    this.#groups.set(userId, groupIds);
    return (await this.#loader.load(userId))!;
  }
}
