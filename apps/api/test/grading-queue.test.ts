// The grading queue's failures: retries with backoff, dead letters, and the administrators' retry.
import { claimGradingJobs, LEASE_EXPIRED_ERROR, notifyChannel, schema } from '@tremplin/db';
import type { GraderPool } from '@tremplin/grader';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createPostgresEventBus, LIVE_CHANNEL } from '../src/grading/events.ts';
import { CLAIM_GAP_MS, GradingWorker, retryDelayMs } from '../src/grading/grading-worker.ts';
import {
  buildTestApp,
  demoExercise,
  gradedEvent,
  signIn,
  signInNewAdmin,
  submitAndWait,
  type TestApp,
} from './helper.ts';

/** A sandbox pool that fails every grade, as one restarting over and over would. */
const brokenPool: GraderPool = {
  size: 1,
  grade: () => Promise.reject(new Error('le bac à sable a redémarré')),
  close: () => Promise.resolve(),
};

let t: TestApp;
let cookie: string;
let somme: Awaited<ReturnType<typeof demoExercise>>;
let admin: string;
let worker: GradingWorker | undefined;

beforeAll(async () => {
  // No embedded worker: each test runs its own, with the pool and the backoff it needs.
  t = await buildTestApp({ env: { GRADING_WORKER: 'false' } });
  await t.app.ready();
  cookie = await signIn(t.app, 'etudiant1@tremplin.test');
  admin = (await signInNewAdmin(t)).cookie;
  somme = await demoExercise(t.database, 'somme');
});
afterAll(async () => {
  await worker?.stop();
  await t.close();
});

async function submit(key: string, who = cookie): Promise<string> {
  const code = somme.spec.kind === 'code' ? somme.spec.solution : '';
  const response = await t.app.inject({
    method: 'POST',
    url: `/api/exercises/${somme.id}/submissions`,
    headers: { cookie: who },
    payload: { idempotencyKey: key, code },
  });
  expect(response.statusCode).toBe(202);
  return response.json().id as string;
}

async function job(submissionId: string) {
  const [row] = await t.database.db
    .select()
    .from(schema.gradingJobs)
    .where(eq(schema.gradingJobs.submissionId, submissionId));
  return row!;
}

async function submission(id: string) {
  const [row] = await t.database.db.select().from(schema.submissions).where(eq(schema.submissions.id, id));
  return row!;
}

/** Brings a waiting job's time to now, as if its backoff had passed. */
async function endBackoff(submissionId: string) {
  await t.database.db
    .update(schema.gradingJobs)
    .set({ runAfter: sql`now()` })
    .where(eq(schema.gradingJobs.submissionId, submissionId));
}

function startWorker(options: Partial<ConstructorParameters<typeof GradingWorker>[0]> = {}) {
  worker = new GradingWorker({
    db: t.database.db,
    pool: brokenPool,
    bus: t.app.grading.bus,
    log: t.app.log,
    maxAttempts: 3,
    pollMs: 20,
    retryBaseMs: 60_000,
    random: () => 0.5,
    ...options,
  });
  worker.start();
  return worker;
}

describe('the retry delay', () => {
  it('grows fourfold from one second up to its cap, spread by ±20 %', () => {
    const fixed = { baseMs: 1000, capMs: 60_000, random: () => 0.5 };
    expect([1, 2, 3, 4, 5].map((n) => retryDelayMs(n, fixed))).toEqual([1000, 4000, 16_000, 60_000, 60_000]);
    expect(retryDelayMs(2, { ...fixed, random: () => 0 })).toBe(3200);
    expect(retryDelayMs(2, { ...fixed, random: () => 0.999_999 })).toBe(4800);
  });
});

describe('a grade that keeps failing', () => {
  it('is retried after a growing wait, then dead with its error and the submission in error', async () => {
    const id = await submit('retry-backoff-0001');
    const graded = gradedEvent(t.app, id);
    startWorker();
    const waits: number[] = [];
    for (const attempts of [1, 2]) {
      await vi.waitFor(async () => expect(await job(id)).toMatchObject({ status: 'queued', attempts }), {
        timeout: 10_000,
      });
      const waiting = await job(id);
      expect(waiting.lastError).toBe('le bac à sable a redémarré');
      waits.push(waiting.runAfter.getTime() - waiting.updatedAt.getTime());
      await endBackoff(id);
      worker!.wake();
    }
    // One minute, then four (random() = 0.5 puts the spread at its middle).
    expect(waits).toEqual([60_000, 240_000]);
    await graded;
    expect(await job(id)).toMatchObject({
      status: 'failed',
      attempts: 3,
      lastError: 'le bac à sable a redémarré',
      lockedUntil: null,
    });
    expect(await submission(id)).toMatchObject({ status: 'error', score: null });
    await worker!.stop();
  });

  it('is dead when the worker of its last attempt died, with that as its last error', async () => {
    const id = await submit('retry-lease-0001');
    // Three workers in turn claim the job and die: each lease expires, each attempt counts.
    for (const n of [1, 2, 3]) {
      const [claimed] = await claimGradingJobs(t.database.db, {
        workerId: `doomed-${n}`,
        limit: 1,
        leaseMs: 60_000,
      });
      expect(claimed).toMatchObject({ submissionId: id, attempts: n });
      await t.database.db
        .update(schema.gradingJobs)
        .set({ lockedUntil: sql`now() - interval '1 second'` })
        .where(eq(schema.gradingJobs.id, claimed!.id));
    }
    const graded = gradedEvent(t.app, id);
    startWorker();
    await graded;
    expect(await job(id)).toMatchObject({ status: 'failed', attempts: 4, lastError: LEASE_EXPIRED_ERROR });
    expect(await submission(id)).toMatchObject({ status: 'error', score: null });
    await worker!.stop();
  });
});

describe('the dead jobs, for the administrators', () => {
  /** A submission whose single attempt failed: its job is dead. */
  async function deadSubmission(key: string, who = cookie): Promise<string> {
    const id = await submit(key, who);
    const graded = gradedEvent(t.app, id);
    startWorker({ maxAttempts: 1 });
    await graded;
    await worker!.stop();
    return id;
  }

  const list = (query: string, who = admin) =>
    t.app.inject({ url: `/api/admin/grading/jobs?${query}`, headers: { cookie: who } });
  const retry = (jobId: number, headers: Record<string, string> = {}) =>
    t.app.inject({
      method: 'POST',
      url: `/api/admin/grading/jobs/${jobId}/retry`,
      headers: { cookie: admin, ...headers },
    });

  it('lists them newest first, a page at a time, with the queue counts', async () => {
    const older = await deadSubmission('dead-list-0001');
    const newer = await deadSubmission('dead-list-0002');
    const first = await list('state=failed&limit=1');
    expect(first.statusCode).toBe(200);
    const page = first.json();
    const dead = await t.database.db
      .select()
      .from(schema.gradingJobs)
      .where(eq(schema.gradingJobs.status, 'failed'));
    expect(page.counts).toEqual({ queued: 0, running: 0, failed: dead.length, oldestWaitingSeconds: null });
    expect(page.jobs).toEqual([
      {
        id: (await job(newer)).id,
        submissionId: newer,
        learner: {
          id: expect.any(String),
          displayName: expect.any(String),
          email: 'etudiant1@tremplin.test',
        },
        exercise: { id: somme.id, title: expect.any(String) },
        attempts: 1,
        lastError: 'le bac à sable a redémarré',
        submittedAt: expect.any(String),
        failedAt: expect.any(String),
      },
    ]);
    expect(page.nextBefore).toBe(page.jobs[0].id);
    const second = (await list(`state=failed&limit=1&before=${page.nextBefore}`)).json();
    expect(second.jobs.map((j: { submissionId: string }) => j.submissionId)).toEqual([older]);
  });

  it('counts the waiting jobs and the age of the oldest', async () => {
    await submit('dead-count-0001');
    await t.database.db
      .update(schema.gradingJobs)
      .set({ createdAt: sql`now() - interval '90 seconds'` })
      .where(eq(schema.gradingJobs.status, 'queued'));
    const { counts } = (await list('state=failed')).json();
    expect(counts).toMatchObject({ queued: 1, running: 0 });
    expect(counts.oldestWaitingSeconds).toBeGreaterThanOrEqual(90);
    expect(counts.oldestWaitingSeconds).toBeLessThan(120);
    // That job is graded by the next worker to come: the others' tests want an empty queue.
    await t.database.db
      .delete(schema.submissions)
      .where(eq(schema.submissions.idempotencyKey, 'dead-count-0001'));
  });

  it('puts one back in the queue, with an audit line, and it is graded', async () => {
    const id = await deadSubmission('dead-retry-0001');
    const { id: jobId } = await job(id);
    const response = await retry(jobId);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ id: jobId, submissionId: id, status: 'queued' });
    expect(await job(id)).toMatchObject({ status: 'queued', attempts: 0, lockedBy: null });
    expect(await submission(id)).toMatchObject({
      status: 'queued',
      score: null,
      results: null,
      gradedAt: null,
    });
    const [audit] = await t.database.db
      .select()
      .from(schema.auditLog)
      .where(eq(schema.auditLog.subjectId, String(jobId)));
    expect(audit).toMatchObject({
      action: 'grading.retry',
      subjectType: 'grading_job',
      before: { status: 'failed', attempts: 1, lastError: 'le bac à sable a redémarré' },
    });

    const graded = gradedEvent(t.app, id);
    startWorker({ pool: t.app.grading.pool });
    await graded;
    await worker!.stop();
    expect(await submission(id)).toMatchObject({ status: 'graded', score: somme.maxScore });
    expect(await job(id)).toMatchObject({ status: 'done', attempts: 1 });
  });

  it('withdraws the repeated-errors flag of a series once a retry grades one of it without error', async () => {
    // Another learner, whose only submissions are these: three dead jobs in a row raise the flag.
    const other = await signIn(t.app, 'etudiant2@tremplin.test');
    const ids: string[] = [];
    for (let n = 1; n <= 3; n++) ids.unshift(await deadSubmission(`dead-series-000${n}`, other));
    const flagsOfSeries = () =>
      t.database.db
        .select({ id: schema.flags.id, details: schema.flags.details })
        .from(schema.flags)
        .where(
          sql`${schema.flags.details}->>'kind' = 'repeated-errors' and ${schema.flags.submissionId} = ${ids[0]}`,
        );
    const [flag] = await flagsOfSeries();
    expect(flag?.details).toEqual({ kind: 'repeated-errors', count: 3, submissionIds: ids });

    // The sandboxes are back: the administrator retries the middle one, which is graded.
    const graded = gradedEvent(t.app, ids[1]!);
    expect((await retry((await job(ids[1]!)).id)).statusCode).toBe(200);
    startWorker({ pool: t.app.grading.pool });
    await graded;
    await worker!.stop();
    expect(await submission(ids[1]!)).toMatchObject({ status: 'graded', score: somme.maxScore });
    expect(await flagsOfSeries()).toEqual([]);
    const [audit] = await t.database.db
      .select()
      .from(schema.auditLog)
      .where(eq(schema.auditLog.subjectId, flag!.id));
    expect(audit).toMatchObject({
      action: 'flag.withdrawn',
      subjectType: 'flag',
      actorId: null,
      before: { submissionId: ids[0], details: flag!.details },
      reason: expect.stringContaining('sans erreur'),
    });
  });

  it('leaves a repeated-errors flag a grader has claimed to their decision', async () => {
    const other = await signIn(t.app, 'etudiant3@tremplin.test');
    const ids: string[] = [];
    for (let n = 1; n <= 3; n++) ids.unshift(await deadSubmission(`dead-claimed-000${n}`, other));
    const [flag] = await t.database.db
      .update(schema.flags)
      .set({
        claimedBy: (await t.database.db.select().from(schema.users).limit(1))[0]!.id,
        claimExpiresAt: sql`now() + interval '10 minutes'`,
      })
      .where(eq(schema.flags.submissionId, ids[0]!))
      .returning({ id: schema.flags.id });
    expect(flag).toBeDefined();
    const graded = gradedEvent(t.app, ids[0]!);
    expect((await retry((await job(ids[0]!)).id)).statusCode).toBe(200);
    startWorker({ pool: t.app.grading.pool });
    await graded;
    await worker!.stop();
    expect(await submission(ids[0]!)).toMatchObject({ status: 'graded' });
    const [still] = await t.database.db.select().from(schema.flags).where(eq(schema.flags.id, flag!.id));
    expect(still).toMatchObject({ status: 'open', submissionId: ids[0] });
  });

  it('refuses to retry a job that is not dead (409, in the reader language) or unknown (404)', async () => {
    const id = await submit('dead-refused-0001');
    const { id: jobId } = await job(id);
    const french = await retry(jobId);
    expect(french.statusCode).toBe(409);
    expect(french.json()).toMatchObject({
      code: 'TREMPLIN_ERR_GRADING_JOB_NOT_FAILED',
      message: expect.stringContaining('n’est pas en échec'),
    });
    const english = await retry(jobId, { 'accept-language': 'en' });
    expect(english.json().message).toContain('has not failed');
    expect(await job(id)).toMatchObject({ status: 'queued' });
    expect((await retry(987_654_321)).statusCode).toBe(404);
    await t.database.db.delete(schema.submissions).where(eq(schema.submissions.id, id));
  });

  it('answers only the administrators', async () => {
    const coordinator = await signIn(t.app, 'coordination@tremplin.test');
    expect((await list('state=failed', coordinator)).statusCode).toBe(403);
    expect((await list('state=queued')).statusCode).toBe(400);
  });
});

describe('a worker waiting for jobs', () => {
  it('grades a submission as soon as it is queued, its next poll ten minutes away', async () => {
    // On PostgreSQL the API and the worker each have a bus of their own on the live channel, as an
    // instance and `pnpm start:grader` in two processes do: the API's NOTIFY wakes the worker, and
    // the grade comes back to the API the same way. The embedded engine shares one bus in-process.
    const shared = t.database.engine === 'postgres';
    const busOver = () => createPostgresEventBus(notifyChannel(t.database, LIVE_CHANNEL), t.app.log);
    const apiBus = shared ? busOver() : t.app.grading.bus;
    const workerBus = shared ? busOver() : t.app.grading.bus;
    const api = shared ? await buildTestApp({ database: t.database, grading: { bus: apiBus } }) : t;
    if (shared) await Promise.all([apiBus.start(), workerBus.start()]);
    startWorker({ pool: t.app.grading.pool, bus: workerBus, pollMs: 600_000 });
    const code = somme.spec.kind === 'code' ? somme.spec.solution : '';
    const graded = await submitAndWait(api.app, cookie, somme.id, { code });
    expect(graded).toMatchObject({ status: 'graded', score: graded.maxScore });
    await worker!.stop();
    if (shared) {
      await api.close();
      await Promise.all([apiBus.close(), workerBus.close()]);
    }
  });

  /**
   * Starts a worker on the real pool that polls only every ten minutes, once its first look (at
   * start) is done, and counts its claims of the queue until `unwatch`.
   */
  async function countClaims(): Promise<{
    readonly claims: number;
    /** When each claim was sent (`performance.now()`). */
    at: number[];
    /** Resolves when the next claim is sent. */
    next(): Promise<void>;
    unwatch(): void;
  }> {
    let claims = 0;
    const at: number[] = [];
    const waiting: Array<() => void> = [];
    const unwatch = t.database.watchStatements((statement) => {
      if (!statement.includes('with busy as')) return;
      claims += 1;
      at.push(performance.now());
      for (const resolve of waiting.splice(0)) resolve();
    });
    try {
      startWorker({ pool: t.app.grading.pool, pollMs: 600_000 });
      await vi.waitFor(() => expect(claims).toBe(1));
    } catch (error) {
      unwatch();
      throw error;
    }
    return {
      get claims() {
        return claims;
      },
      at,
      next: () => new Promise<void>((resolve) => waiting.push(resolve)),
      unwatch,
    };
  }

  it("claims after the turn of the event loop that woke it, when that turn's frames are out", async () => {
    const counted = await countClaims();
    try {
      // Scheduled before the wake, this runs at the end of the turn, before anything the wake
      // scheduled there: the socket frames of the same event are queued the same way.
      const atTurnEnd = new Promise<number>((resolve) => setImmediate(() => resolve(counted.claims)));
      worker!.wake();
      expect(await atTurnEnd).toBe(1);
      await vi.waitFor(() => expect(counted.claims).toBe(2));
      await worker!.stop();
    } finally {
      counted.unwatch();
    }
  });

  it('claims once for the wakes of a short gap after a claim that found the queue empty', async () => {
    const counted = await countClaims();
    try {
      // Long after the first look: a wake is looked for at once, and finds nothing.
      worker!.wake();
      await counted.next();
      // Submissions announced right after, on several turns of the event loop, are looked for
      // together, once the gap since that look has passed.
      for (let n = 0; n < 3; n += 1) {
        worker!.wake();
        await new Promise((resolve) => setImmediate(resolve));
      }
      await counted.next();
      await worker!.stop();
      expect(counted.claims).toBe(3);
      expect(counted.at[2]! - counted.at[1]!).toBeGreaterThanOrEqual(CLAIM_GAP_MS - 5);
    } finally {
      counted.unwatch();
    }
  });

  it('claims once per submission queued, not again after each job when nothing else waits', async () => {
    const counted = await countClaims();
    try {
      const code = somme.spec.kind === 'code' ? somme.spec.solution : '';
      for (let n = 0; n < 3; n += 1) {
        const graded = await submitAndWait(t.app, cookie, somme.id, { code });
        expect(graded).toMatchObject({ status: 'graded' });
      }
      await worker!.stop();
      expect(counted.claims).toBe(1 + 3);
    } finally {
      counted.unwatch();
    }
  });
});
