import { listExerciseTitles, type Db } from '@tremplin/db';
import type { ExerciseInfo } from './learner-live.ts';

const MAX_ENTRIES = 50_000;

/** Exercise titles and kinds, fetched once: a published exercise never changes. */
export class ExerciseCatalog {
  readonly #db: Db;
  readonly #known = new Map<string, ExerciseInfo | null>();

  constructor(db: Db) {
    this.#db = db;
  }

  get(id: string | null): ExerciseInfo | undefined {
    return id ? (this.#known.get(id) ?? undefined) : undefined;
  }

  /** Fetches the ones not known yet; unknown ids are remembered as missing. */
  async ensure(ids: Array<string | null>): Promise<void> {
    const missing = [...new Set(ids.filter((id): id is string => id !== null && !this.#known.has(id)))];
    if (missing.length === 0) return;
    const rows = await listExerciseTitles(this.#db, missing);
    if (this.#known.size + missing.length > MAX_ENTRIES) this.#known.clear();
    for (const id of missing) this.#known.set(id, null);
    for (const row of rows) this.#known.set(row.id, row);
  }

  /** Whether the exercise exists (fetching it if needed). */
  async exists(id: string): Promise<boolean> {
    await this.ensure([id]);
    return this.get(id) !== undefined;
  }
}
