import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../test-support/index.ts';
import { findSharedResult, saveSharedResult } from './dashboards.ts';

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase({ seed: false });
});
afterAll(() => database.close());

describe('shared results', () => {
  it('keeps the newest result of a key, as json, whichever instance saves last', async () => {
    const { db } = database;
    const at = (s: number) => new Date(Date.UTC(2026, 11, 6, 8, 0, s));
    expect(await findSharedResult(db, 'dashboard:[]')).toBeUndefined();
    await saveSharedResult(db, 'dashboard:[]', { groups: [{ id: 'g', learners: 17 }] }, at(10));
    // An instance that computed earlier but saves later leaves the newer one in place.
    await saveSharedResult(db, 'dashboard:[]', { groups: [] }, at(5));
    expect(await findSharedResult(db, 'dashboard:[]')).toEqual({
      value: { groups: [{ id: 'g', learners: 17 }] },
      computedAt: at(10),
    });
    await saveSharedResult(db, 'dashboard:[]', { groups: [] }, at(40));
    expect(await findSharedResult(db, 'dashboard:[]')).toEqual({ value: { groups: [] }, computedAt: at(40) });
  });
});
