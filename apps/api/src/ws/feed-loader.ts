import { loadFeeds, type Db, type FeedRows } from '@tremplin/db';
import { BatchLoader } from '../batch-loader.ts';

export const KEPT_MESSAGES = 30;

/** Loads learners' feeds in batches: a lab connecting at once costs one statement, not a few each. */
export class FeedLoader {
  readonly #groups = new Map<string, string[]>();
  readonly #loader: BatchLoader<string, FeedRows>;

  constructor(db: Db) {
    this.#loader = new BatchLoader(async (userIds) => {
      const readers = userIds.map((userId) => ({ userId, groupIds: this.#groups.get(userId) ?? [] }));
      for (const userId of userIds) this.#groups.delete(userId);
      return loadFeeds(db, readers, KEPT_MESSAGES);
    });
  }

  async load(userId: string, groupIds: string[]): Promise<FeedRows> {
    this.#groups.set(userId, groupIds);
    return (await this.#loader.load(userId))!;
  }
}
