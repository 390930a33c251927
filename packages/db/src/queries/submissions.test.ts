import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activityLog, exercises, gradingJobs, runs, submissions } from '../schema/index.ts';
import { createTestDatabase, type TestDatabase } from '../test-support/index.ts';
import { insertRun, insertSubmissionWithJob } from './submissions.ts';
import { findUserByEmail } from './users.ts';

let database: TestDatabase;
const id = async (who: string) => (await findUserByEmail(database.db, `${who}@tremplin.test`))!.id;
const somme = async () =>
  (await database.db.select().from(exercises).where(eq(exercises.slug, 'somme')).limit(1))[0]!;
const activityOf = (userId: string) =>
  database.db.select().from(activityLog).where(eq(activityLog.userId, userId));

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

describe('insertSubmissionWithJob', () => {
  it('stores the submission, its job and its activity line together; a replayed key writes nothing', async () => {
    const { db } = database;
    const [userId, exercise] = await Promise.all([id('etudiant9'), somme()]);
    const before = (await activityOf(userId)).length;
    const at = new Date(Date.UTC(2026, 11, 4, 10, 0, 0));
    const row = {
      userId,
      exerciseId: exercise.id,
      moduleVersionId: exercise.moduleVersionId,
      kind: 'code' as const,
      code: 'export const somme = () => 0;',
      maxScore: exercise.maxScore,
      idempotencyKey: 'one-statement',
      createdAt: at,
    };
    const first = await insertSubmissionWithJob(db, row, { requestId: 'req-1', logActivity: true });
    expect(first.created).toBe(true);
    expect(first.submission).toMatchObject({ userId, status: 'queued', createdAt: at, code: row.code });

    const jobs = await db.select().from(gradingJobs).where(eq(gradingJobs.submissionId, first.submission.id));
    expect(jobs).toEqual([expect.objectContaining({ status: 'queued', priority: 0, requestId: 'req-1' })]);
    const lines = (await activityOf(userId)).slice(before);
    expect(lines).toEqual([
      expect.objectContaining({
        kind: 'submission',
        exerciseId: exercise.id,
        data: { submissionId: first.submission.id },
        createdAt: at,
      }),
    ]);

    const again = await insertSubmissionWithJob(db, { ...row, code: 'other' }, { logActivity: true });
    expect(again).toEqual({ created: false, submission: first.submission });
    expect(
      await db.select().from(submissions).where(eq(submissions.idempotencyKey, 'one-statement')),
    ).toHaveLength(1);
    expect(
      await db.select().from(gradingJobs).where(eq(gradingJobs.submissionId, first.submission.id)),
    ).toHaveLength(1);
    expect(await activityOf(userId)).toHaveLength(before + 1);
  });

  it('writes no activity line unless asked (the seeded demo work)', async () => {
    const [userId, exercise] = await Promise.all([id('etudiant10'), somme()]);
    const before = (await activityOf(userId)).length;
    const { created } = await insertSubmissionWithJob(
      database.db,
      {
        userId,
        exerciseId: exercise.id,
        moduleVersionId: exercise.moduleVersionId,
        kind: 'code',
        code: '//',
        maxScore: exercise.maxScore,
        idempotencyKey: 'no-activity',
      },
      { priority: 1 },
    );
    expect(created).toBe(true);
    expect(await activityOf(userId)).toHaveLength(before);
  });
});

describe('insertRun', () => {
  it('stores the Run and its activity line (the result in brief) in one statement', async () => {
    const [userId, exercise] = await Promise.all([id('etudiant11'), somme()]);
    const before = (await activityOf(userId)).length;
    const at = new Date(Date.UTC(2026, 11, 4, 11, 0, 0));
    const runId = await insertRun(database.db, {
      userId,
      exerciseId: exercise.id,
      code: '//',
      result: { status: 'failed', passed: 2, total: 3, tests: [] },
      testsPassed: 2,
      testsTotal: 3,
      createdAt: at,
    });
    const [run] = await database.db.select().from(runs).where(eq(runs.id, runId));
    expect(run).toMatchObject({ userId, testsPassed: 2, testsTotal: 3, createdAt: at });
    expect((await activityOf(userId)).slice(before)).toEqual([
      expect.objectContaining({
        kind: 'run',
        exerciseId: exercise.id,
        data: { runId, passed: 2, total: 3 },
        createdAt: at,
      }),
    ]);
  });
});
