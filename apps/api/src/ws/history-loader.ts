import { listAttempts, type AttemptRow, type Db } from '@tremplin/db';
import { BatchLoader } from '../batch-loader.ts';
import { runStatus, submissionStatus, type AttemptSign } from './learner-live.ts';

/** An attempt row as a tile counts it. */
export function toSign(row: AttemptRow): AttemptSign {
  return {
    id: row.id,
    kind: row.kind,
    passed: row.passed,
    total: row.total,
    status: row.kind === 'run' ? runStatus(row.passed ?? 0, row.total ?? 0) : submissionStatus(row),
    at: row.createdAt.getTime(),
  };
}

/**
 * Reads learners' attempts on the exercises they switch to. The requests of one turn of the
 * event loop go in one query: a class opening its exercise together costs one read, not thirty.
 */
export class HistoryLoader {
  readonly #loader: BatchLoader<string, AttemptSign[]>;

  constructor(db: Db) {
    this.#loader = new BatchLoader(async (keys) => {
      const rows = await listAttempts(
        db,
        keys.map((key) => {
          const [userId, exerciseId] = key.split(':') as [string, string];
          return { userId, exerciseId };
        }),
      );
      const byPair = new Map<string, AttemptSign[]>();
      for (const row of rows) {
        const key = `${row.userId}:${row.exerciseId}`;
        byPair.set(key, [...(byPair.get(key) ?? []), toSign(row)]);
      }
      return byPair;
    });
  }

  /** One learner's attempts on one exercise, oldest first. */
  async load(userId: string, exerciseId: string): Promise<AttemptSign[]> {
    return (await this.#loader.load(`${userId}:${exerciseId}`)) ?? [];
  }
}
