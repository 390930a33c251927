import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exercises, gradingJobs } from '../schema/index.ts';
import { createTestDatabase, type TestDatabase } from '../test-support/index.ts';
import { takeRateToken } from './fair-use.ts';
import { claimGradingJobs, completeGrading, insertSubmissionWithJob } from './submissions.ts';
import { findUserByEmail } from './users.ts';

let database: TestDatabase;
const id = async (who: string) => (await findUserByEmail(database.db, `${who}@tremplin.test`))!.id;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

describe('takeRateToken', () => {
  const rule = { burst: 3, everyMs: 2000 };
  const at = (ms: number) => new Date(Date.UTC(2026, 11, 4, 9, 0, 0) + ms);

  it('gives the burst at once, then one token per interval, and says how long to wait', async () => {
    const userId = await id('etudiant3');
    const take = (ms: number) => takeRateToken(database.db, { userId, action: 'test', rule, now: at(ms) });
    expect([await take(0), await take(0), await take(0)]).toEqual([0, 0, 0]);
    expect(await take(0)).toBe(2000);
    // A refusal costs nothing: the token still comes back on time.
    expect(await take(1500)).toBe(500);
    expect(await take(2000)).toBe(0);
    expect(await take(2000)).toBe(2000);
    // A long pause refills up to the burst, never beyond.
    expect([await take(60_000), await take(60_001), await take(60_002)]).toEqual([0, 0, 0]);
    expect(await take(60_003)).toBeGreaterThan(0);
  });

  it('keeps one bucket per user and per action', async () => {
    const [one, two] = await Promise.all([id('etudiant4'), id('etudiant5')]);
    const take = (userId: string, action: string) =>
      takeRateToken(database.db, { userId, action, rule: { burst: 1, everyMs: 60_000 }, now: at(0) });
    expect(await take(one!, 'runs')).toBe(0);
    expect(await take(one!, 'runs')).toBeGreaterThan(0);
    expect(await take(one!, 'help')).toBe(0);
    expect(await take(two!, 'runs')).toBe(0);
  });

  it('never gives more than the burst to requests racing each other', async () => {
    const userId = await id('etudiant6');
    const results = await Promise.all(
      Array.from({ length: 12 }, () =>
        takeRateToken(database.db, {
          userId,
          action: 'race',
          rule: { burst: 5, everyMs: 60_000 },
          now: at(0),
        }),
      ),
    );
    expect(results.filter((wait) => wait === 0)).toHaveLength(5);
  });
});

describe('claimGradingJobs', () => {
  /** Queues a code submission of `somme` for a learner. */
  async function submit(userId: string, key: string) {
    const [exercise] = await database.db.select().from(exercises).where(eq(exercises.slug, 'somme')).limit(1);
    return insertSubmissionWithJob(database.db, {
      userId,
      exerciseId: exercise!.id,
      moduleVersionId: exercise!.moduleVersionId,
      kind: 'code',
      code: '// ' + key,
      maxScore: 1,
      idempotencyKey: key,
    });
  }

  it("takes another learner's single job first, ahead of a flood of 50 sent before it", async () => {
    const db = database.db;
    const [flooder, other] = await Promise.all([id('etudiant7'), id('etudiant8')]);
    for (let i = 0; i < 50; i++) await submit(flooder!, `flood-${i}`);
    const { submission: single } = await submit(other!, 'single');

    // Both heads are at turn one: the learner with fewer jobs waiting goes first.
    const [first] = await claimGradingJobs(db, { workerId: 'w2', limit: 1, leaseMs: 60_000 });
    expect(first!.submissionId).toBe(single.id);

    // Claimed once only: the rest of the queue never hands it out again.
    await completeGrading(db, {
      jobId: first!.id,
      workerId: 'w2',
      submissionId: single.id,
      status: 'graded',
      score: 1,
      results: null,
      now: new Date(),
    });
    const rest = await claimGradingJobs(db, { workerId: 'w3', limit: 100, leaseMs: 60_000 });
    expect(rest).toHaveLength(50);
    expect(rest.map((job) => job.submissionId)).not.toContain(single.id);
  });

  it("takes a latecomer's single job before the next turn of two earlier floods", async () => {
    const db = database.db;
    const [one, two, late] = await Promise.all([id('etudiant12'), id('etudiant13'), id('etudiant14')]);
    for (let i = 0; i < 10; i++) for (const userId of [one!, two!]) await submit(userId, `floods-${i}`);
    // The first round is graded: neither flooder is busy, each has a head at turn one, older than…
    const round = await claimGradingJobs(db, { workerId: 'w5', limit: 2, leaseMs: 60_000 });
    for (const job of round)
      await completeGrading(db, {
        jobId: job.id,
        workerId: 'w5',
        submissionId: job.submissionId,
        status: 'graded',
        score: 1,
        results: null,
        now: new Date(),
      });
    // … the latecomer's single job, which still goes first.
    const { submission: single } = await submit(late!, 'late-single');
    const [next] = await claimGradingJobs(db, { workerId: 'w6', limit: 1, leaseMs: 60_000 });
    expect(next!.submissionId).toBe(single.id);
    await db.delete(gradingJobs).where(inArray(gradingJobs.status, ['queued', 'running']));
  });

  it('interleaves learners within one batch of claims', async () => {
    const db = database.db;
    const [a, b, c] = await Promise.all([id('etudiant9'), id('etudiant10'), id('etudiant11')]);
    const [exercise] = await db.select().from(exercises).where(eq(exercises.slug, 'somme')).limit(1);
    const owners = new Map<string, string>();
    for (const [userId, count] of [
      [a!, 10],
      [b!, 2],
      [c!, 1],
    ] as const) {
      for (let i = 0; i < count; i++) {
        const { submission } = await insertSubmissionWithJob(db, {
          userId,
          exerciseId: exercise!.id,
          moduleVersionId: exercise!.moduleVersionId,
          kind: 'code',
          code: '',
          maxScore: 1,
          idempotencyKey: `batch-${i}`,
        });
        owners.set(submission.id, userId);
      }
    }
    const batch = await claimGradingJobs(db, { workerId: 'w4', limit: 4, leaseMs: 60_000 });
    const byOwner = batch.map((job) => owners.get(job.submissionId));
    expect(new Set(byOwner)).toEqual(new Set([a, b, c]));
  });
});
