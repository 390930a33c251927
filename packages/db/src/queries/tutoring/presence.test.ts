import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestDatabase, type TestDatabase } from '../../test-support/index.ts';
import { findUserByEmail } from '../users.ts';
import { listLiveConnections } from './live.ts';
import { rowsOf } from '../dashboards.ts';
import { beatLiveInstance, deleteLiveInstances, saveLastSeen, saveLiveConnections } from './presence.ts';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

describe('live connections', () => {
  it('count only for instances that beat, and go with the instances that stopped', async () => {
    const db = database.db;
    const ids = await Promise.all(
      ['etudiant1', 'etudiant2'].map(async (who) => (await findUserByEmail(db, `${who}@tremplin.test`))!.id),
    );
    const now = Date.now();
    await beatLiveInstance(db, 'alive', new Date(now));
    await beatLiveInstance(db, 'stopped', new Date(now - 10 * 60_000));
    await saveLiveConnections(db, 'alive', [
      { userId: ids[0]!, sockets: 1, exerciseId: null, lastActiveAt: new Date(now) },
    ]);
    await saveLiveConnections(db, 'stopped', [
      { userId: ids[1]!, sockets: 2, exerciseId: null, lastActiveAt: new Date(now) },
    ]);
    const fresh = new Date(now - 90_000);
    expect((await listLiveConnections(db, ids, fresh)).map((c) => c.instanceId)).toEqual(['alive']);

    await deleteLiveInstances(db, { staleBefore: fresh });
    expect((await listLiveConnections(db, ids, new Date(0))).map((c) => c.instanceId)).toEqual(['alive']);

    await saveLiveConnections(db, 'alive', [
      { userId: ids[0]!, sockets: 0, exerciseId: null, lastActiveAt: new Date(now) },
    ]);
    expect(await listLiveConnections(db, ids, new Date(0))).toEqual([]);
  });

  it('are written for thousands of learners in a few statements, and updated in place', async () => {
    const db = database.db;
    // 2,500 learners: more than one statement's worth.
    const users = await rowsOf<{ id: string }>(
      db,
      sql`insert into users (email, display_name, password_hash)
        select 'presence' || n || '@tremplin.test', 'Apprenant ' || n, 'x' from generate_series(1, 2500) as n
        returning id`,
    );
    const exercise = (await rowsOf<{ id: string }>(db, sql`select id from exercises limit 1`))[0]!.id;
    const at = new Date('2026-12-06T08:00:00.000Z');
    const statements: string[] = [];
    const unwatch = database.watchStatements((statement) => statements.push(statement));
    await saveLiveConnections(
      db,
      'many',
      users.map((u, n) => ({ userId: u.id, sockets: 1 + (n % 3), exerciseId: null, lastActiveAt: at })),
    );
    unwatch();
    expect(statements).toHaveLength(3);
    const count = sql`select count(*)::int as n, sum(sockets)::int as sockets from live_connections where instance_id = 'many'`;
    expect(await rowsOf(db, count)).toEqual([{ n: 2500, sockets: 2500 + 833 + 2 * 833 }]);

    // The first learner moves to an exercise, the second leaves: updated and removed.
    const later = new Date('2026-12-06T08:05:00.000Z');
    await saveLiveConnections(db, 'many', [
      { userId: users[0]!.id, sockets: 2, exerciseId: exercise, lastActiveAt: later },
      { userId: users[1]!.id, sockets: 0, exerciseId: null, lastActiveAt: later },
    ]);
    await beatLiveInstance(db, 'many', later);
    const rows = await listLiveConnections(db, [users[0]!.id, users[1]!.id], new Date(0));
    expect(rows).toEqual([
      { userId: users[0]!.id, instanceId: 'many', sockets: 2, exerciseId: exercise, lastActiveAt: later },
    ]);
    await deleteLiveInstances(db, { instanceId: 'many' });
  });
});

describe('last seen', () => {
  it('never moves back, and keeps the exercise when none is told', async () => {
    const db = database.db;
    const userId = (await findUserByEmail(db, 'etudiant3@tremplin.test'))!.id;
    const exercise = (await rowsOf<{ id: string }>(db, sql`select id from exercises limit 1`))[0]!.id;
    const read = () =>
      rowsOf<{ lastSeenAt: number; exerciseId: string | null }>(
        db,
        sql`select extract(epoch from last_seen_at)::int as "lastSeenAt", exercise_id as "exerciseId" from learner_presence where user_id = ${userId}`,
      );
    await saveLastSeen(db, [{ userId, lastSeenAt: new Date('2026-12-06T09:00:00Z'), exerciseId: exercise }]);
    await saveLastSeen(db, [{ userId, lastSeenAt: new Date('2026-12-06T08:00:00Z'), exerciseId: null }]);
    expect(await read()).toEqual([
      { lastSeenAt: Date.parse('2026-12-06T09:00:00Z') / 1000, exerciseId: exercise },
    ]);
    await saveLastSeen(db, [{ userId, lastSeenAt: new Date('2026-12-06T10:00:00Z'), exerciseId: null }]);
    expect(await read()).toEqual([
      { lastSeenAt: Date.parse('2026-12-06T10:00:00Z') / 1000, exerciseId: exercise },
    ]);
  });
});
