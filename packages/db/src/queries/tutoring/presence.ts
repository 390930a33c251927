// Presence shared by API instances: each writes its learners' open sockets (batched) and a
// heartbeat; attendance of live sessions is recorded per connection interval.
import { eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../client.ts';
import {
  learnerPresence,
  liveConnections,
  liveInstances,
  liveSessionAttendance,
  liveSessions,
} from '../../schema/index.ts';

export interface ConnectionState {
  userId: string;
  sockets: number;
  exerciseId: string | null;
  lastActiveAt: Date;
}

/**
 * Rows per statement. They travel as one jsonb parameter, read back by `jsonb_to_recordset`: the
 * statement is prepared once, and nothing is built per value (drizzle's builder took 15 to 20 ms
 * of the event loop per 500 rows, every heartbeat, when thousands of learners were live).
 */
const CHUNK = 1_000;

/** Writes an instance's connection counts (a count of 0 removes the row), a thousand per statement. */
export async function saveLiveConnections(
  db: Db,
  instanceId: string,
  states: ConnectionState[],
): Promise<void> {
  const gone = states.filter((s) => s.sockets <= 0).map((s) => s.userId);
  const live = states.filter((s) => s.sockets > 0);
  for (let i = 0; i < gone.length; i += CHUNK) {
    await db.execute(sql`
      delete from ${liveConnections}
      where instance_id = ${instanceId}
        and user_id in (select jsonb_array_elements_text(${JSON.stringify(gone.slice(i, i + CHUNK))}::jsonb)::uuid)`);
  }
  for (let i = 0; i < live.length; i += CHUNK) {
    await db.execute(sql`
      insert into ${liveConnections} (user_id, instance_id, sockets, exercise_id, last_active_at)
      select r."userId", ${instanceId}, r.sockets, r."exerciseId", r."lastActiveAt"
      from jsonb_to_recordset(${JSON.stringify(live.slice(i, i + CHUNK))}::jsonb)
        as r("userId" uuid, sockets integer, "exerciseId" uuid, "lastActiveAt" timestamptz)
      on conflict (user_id, instance_id) do update
        set sockets = excluded.sockets, exercise_id = excluded.exercise_id, last_active_at = excluded.last_active_at`);
  }
}

/** Tells the other instances this one is alive: its connection rows stay valid. */
export async function beatLiveInstance(db: Db, instanceId: string, now: Date): Promise<void> {
  await db
    .insert(liveInstances)
    .values({ id: instanceId, heartbeatAt: now })
    .onConflictDoUpdate({ target: liveInstances.id, set: { heartbeatAt: now } });
}

/** Removes an instance and its rows (it is stopping), or every instance that stopped beating. */
export async function deleteLiveInstances(
  db: Db,
  where: { instanceId: string } | { staleBefore: Date },
): Promise<void> {
  if ('instanceId' in where) {
    await db.delete(liveConnections).where(eq(liveConnections.instanceId, where.instanceId));
    await db.delete(liveInstances).where(eq(liveInstances.id, where.instanceId));
    return;
  }
  // One statement, through the instance index: cheap when no instance stopped (the usual case).
  await db.execute(sql`
    with stale as (delete from ${liveInstances} where heartbeat_at < ${where.staleBefore.toISOString()}::timestamptz
      returning id)
    delete from ${liveConnections} where instance_id in (select id from stale)`);
}

/** Records when learners were last seen live, and where (never moving a date backwards). */
export async function saveLastSeen(
  db: Db,
  rows: Array<{ userId: string; lastSeenAt: Date; exerciseId: string | null }>,
): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    await db.execute(sql`
      insert into ${learnerPresence} (user_id, last_seen_at, exercise_id)
      select r."userId", r."lastSeenAt", r."exerciseId"
      from jsonb_to_recordset(${JSON.stringify(rows.slice(i, i + CHUNK))}::jsonb)
        as r("userId" uuid, "lastSeenAt" timestamptz, "exerciseId" uuid)
      on conflict (user_id) do update
        set last_seen_at = greatest(${learnerPresence}.last_seen_at, excluded.last_seen_at),
          exercise_id = coalesce(excluded.exercise_id, ${learnerPresence}.exercise_id)`);
  }
}

/** The live sessions running now, with their group. */
export async function listRunningLiveSessions(db: Db): Promise<Array<{ id: string; groupId: string }>> {
  return db
    .select({ id: liveSessions.id, groupId: liveSessions.groupId })
    .from(liveSessions)
    .where(isNull(liveSessions.endedAt));
}

/** Opens attendance intervals (a learner's sockets on one instance joined a running session). */
export async function openAttendance(
  db: Db,
  rows: Array<{ liveSessionId: string; userId: string; joinedAt: Date }>,
): Promise<void> {
  if (rows.length === 0) return;
  await db.insert(liveSessionAttendance).values(rows);
}

/**
 * Closes the open intervals of learners in sessions (all of a learner's sockets on one instance
 * left). One open interval per learner and instance: the earliest one is closed.
 */
export async function closeAttendance(
  db: Db,
  rows: Array<{ liveSessionId: string; userId: string; leftAt: Date }>,
): Promise<void> {
  for (const row of rows) {
    await db.execute(sql`
      update ${liveSessionAttendance} set left_at = ${row.leftAt.toISOString()}::timestamptz
      where id = (select id from ${liveSessionAttendance}
        where live_session_id = ${row.liveSessionId} and user_id = ${row.userId} and left_at is null
        order by joined_at limit 1)`);
  }
}
