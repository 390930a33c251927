// An exercise that raises its limits: a slow but correct solution fails under the defaults and passes
// once the exercise's spec raises the per-test limit. A pool with small defaults keeps it cheap.
import { createGraderPool, type GraderPool } from '@tremplin/grader';
import { BURN_SOURCE, turnsForCpuMs } from '@tremplin/grader/test-support';
import { schema } from '@tremplin/db';
import { changePublishedContent } from '@tremplin/db/test-support';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, demoExercise, signIn, type TestApp } from './helper.ts';

let pool: GraderPool;
let t: TestApp;
let cookie: string;
let somme: Awaited<ReturnType<typeof demoExercise>>;

beforeAll(async () => {
  pool = createGraderPool({
    size: 1,
    defaultLimits: { cpuMsPerTest: 150 },
    ceiling: { cpuMsPerTest: 1500, cpuMs: 3000, wallMs: 6000 },
  });
  t = await buildTestApp({ grading: { pool } });
  await t.app.ready();
  cookie = await signIn(t.app, 'etudiant1@tremplin.test');
  somme = await demoExercise(t.database, 'somme');
  slow = `${BURN_SOURCE}export function somme(nombres) {
  burn(${await turnsForCpuMs(pool, 400)});
  return nombres.reduce((total, n) => total + n, 0);
}
`;
}, 60_000);
afterAll(async () => {
  await t.close();
  await pool.close();
});

// Correct, but each call burns about 400 ms of CPU as the sandbox measures it: well over the pool's
// default per-test limit (150 ms) and well under the raised one (1,000 ms).
let slow = '';

const run = async () => {
  const response = await t.app.inject({
    method: 'POST',
    url: `/api/exercises/${somme.id}/runs`,
    headers: { cookie },
    payload: { code: slow },
  });
  expect(response.statusCode).toBe(200);
  return response.json().result;
};

describe('a code exercise with raised limits', () => {
  it('grades a slow but correct solution that the default limits stop', async () => {
    const stopped = await run();
    expect(stopped.status).toBe('error');
    expect(stopped.message).toContain('150 ms');

    const raised = { ...somme.spec, limits: { cpuMsPerTest: 1000 } };
    await changePublishedContent(t.database.db, (tx) =>
      tx.update(schema.exercises).set({ spec: raised }).where(eq(schema.exercises.id, somme.id)),
    );
    const passed = await run();
    expect(passed).toMatchObject({ kind: 'code', status: 'pass' });
    expect(passed.passed).toBe(passed.total);
  });
});
