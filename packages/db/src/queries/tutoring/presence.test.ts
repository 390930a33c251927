import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test-support/index.ts';
import { findUserByEmail } from '../users.ts';
import { listLiveConnections } from './live.ts';
import { beatLiveInstance, deleteLiveInstances, saveLiveConnections } from './presence.ts';

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
});
