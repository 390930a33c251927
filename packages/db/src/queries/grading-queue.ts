import { inArray, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { gradingJobs } from '../schema/index.ts';

export interface GradingQueueDepth {
  queued: number;
  running: number;
  failed: number;
  /** Seconds since the oldest queued job was created; null when none waits. */
  oldestQueuedSeconds: number | null;
}

/**
 * The queue's depth by state and its oldest waiting job, in one statement (read at each scrape of
 * the metrics): finished jobs, nearly all rows, are left out through the claim index's first column.
 */
export async function readGradingQueueDepth(db: Db): Promise<GradingQueueDepth> {
  const [row] = await db
    .select({
      queued: sql<number>`(count(*) filter (where ${gradingJobs.status} = 'queued'))::int`,
      running: sql<number>`(count(*) filter (where ${gradingJobs.status} = 'running'))::int`,
      failed: sql<number>`(count(*) filter (where ${gradingJobs.status} = 'failed'))::int`,
      oldestQueuedSeconds: sql<
        number | null
      >`extract(epoch from now() - min(${gradingJobs.createdAt}) filter (where ${gradingJobs.status} = 'queued'))::float8`,
    })
    .from(gradingJobs)
    .where(inArray(gradingJobs.status, ['queued', 'running', 'failed']));
  return {
    queued: row?.queued ?? 0,
    running: row?.running ?? 0,
    failed: row?.failed ?? 0,
    oldestQueuedSeconds: row?.oldestQueuedSeconds ?? null,
  };
}
