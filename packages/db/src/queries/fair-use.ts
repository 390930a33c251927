import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { rateBuckets } from '../schema/index.ts';

/** A token bucket: up to `burst` tokens, one more every `everyMs`. */
export interface BucketRule {
  burst: number;
  everyMs: number;
}

/** The bucket's tokens at `now`: what was left, plus what came back since, never above the burst. */
function refilled({ burst, everyMs }: BucketRule, now: Date): SQL<number> {
  const elapsedMs = sql`greatest(0, extract(epoch from (${now.toISOString()}::timestamptz - ${rateBuckets.updatedAt}))::float8 * 1000)`;
  return sql<number>`least(${burst}::float8, ${rateBuckets.tokens} + ${elapsedMs} / ${everyMs}::float8)`;
}

/**
 * Takes one token from a user's bucket for an action, in one statement that every API instance may
 * run at once (the row is locked by the upsert). Answers 0 when taken, otherwise the milliseconds
 * until a token is back; a refused request changes nothing.
 */
export async function takeRateToken(
  db: Db,
  { userId, action, rule, now }: { userId: string; action: string; rule: BucketRule; now: Date },
): Promise<number> {
  const taken = await db
    .insert(rateBuckets)
    .values({ userId, action, tokens: rule.burst - 1, updatedAt: now })
    .onConflictDoUpdate({
      target: [rateBuckets.userId, rateBuckets.action],
      set: {
        tokens: sql`${refilled(rule, now)} - 1`,
        updatedAt: sql`greatest(${rateBuckets.updatedAt}, ${now.toISOString()}::timestamptz)`,
      },
      setWhere: sql`${refilled(rule, now)} >= 1`,
    })
    .returning({ tokens: rateBuckets.tokens });
  if (taken.length > 0) return 0;
  const [row] = await db
    .select({ missing: sql<number>`1 - ${refilled(rule, now)}` })
    .from(rateBuckets)
    .where(and(eq(rateBuckets.userId, userId), eq(rateBuckets.action, action)));
  // Rounded to the microsecond first, so that float noise (2000.0000001 ms) does not add a millisecond.
  const waitMs = Math.round((row?.missing ?? 1) * rule.everyMs * 1000) / 1000;
  return Math.max(1, Math.ceil(waitMs));
}
