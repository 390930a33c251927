// The statements of the hot paths are built once per database and reused: drizzle's builders
// allocated 29 to 93 KB per call for them (docs/performance.md). What they write stays the same.
import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Db } from '../client.ts';
import { activityLog, drafts, exercises, gradingJobs, helpRequests, memberships } from '../schema/index.ts';
import { createTestDatabase, type TestDatabase } from '../test-support/index.ts';
import { insertHelpRequest } from './help-requests.ts';
import { findDraft, saveDraft } from './learning.ts';
import {
  claimGradingJobs,
  insertSubmissionWithJob,
  LEASE_EXPIRED_ERROR,
  logActivity,
} from './submissions.ts';
import { findUserByEmail } from './users.ts';

let database: TestDatabase;
let userId = '';
let groupId = '';
let exerciseId = '';

beforeAll(async () => {
  database = await createTestDatabase();
  userId = (await findUserByEmail(database.db, 'etudiant3@tremplin.test'))!.id;
  const [membership] = await database.db
    .select({ groupId: memberships.groupId })
    .from(memberships)
    .where(and(eq(memberships.userId, userId), eq(memberships.role, 'student')));
  groupId = membership!.groupId!;
  exerciseId = (await database.db.select({ id: exercises.id }).from(exercises).limit(1))[0]!.id;
});
afterAll(() => database.close());

/** How many statements drizzle builds (its dialect turning a query into SQL) while `work` runs. */
async function builds(db: Db, work: () => Promise<unknown>): Promise<number> {
  const dialect = (db as unknown as { dialect: { sqlToQuery(...args: unknown[]): unknown } }).dialect;
  const spy = vi.spyOn(dialect, 'sqlToQuery');
  try {
    await work();
    return spy.mock.calls.length;
  } finally {
    spy.mockRestore();
  }
}

describe('statements built once per database', () => {
  it('stores help requests with their defaults, building the insert once', async () => {
    const { db } = database;
    const first = await insertHelpRequest(db, { userId, groupId, exerciseId, message: 'Je bloque' });
    expect(first).toMatchObject({
      userId,
      groupId,
      exerciseId,
      liveSessionId: null,
      message: 'Je bloque',
      status: 'open',
      takenBy: null,
    });
    expect(first.createdAt).toBeInstanceOf(Date);
    let second: Awaited<ReturnType<typeof insertHelpRequest>> | undefined;
    expect(
      await builds(db, async () => {
        second = await insertHelpRequest(db, { userId, groupId, message: 'Sans exercice' });
      }),
    ).toBe(0);
    expect(second).toMatchObject({ exerciseId: null, message: 'Sans exercice', status: 'open' });
    const stored = await db.select().from(helpRequests).where(eq(helpRequests.userId, userId));
    expect(stored.map((row) => row.message).sort()).toEqual(['Je bloque', 'Sans exercice']);
  });

  it("logs activity at the database's time or at the caller's, with empty data by default", async () => {
    const { db } = database;
    const before = new Date();
    await logActivity(db, { userId, kind: 'probe.now' });
    const at = new Date(Date.UTC(2026, 11, 6, 9, 30, 0));
    expect(
      await builds(db, () =>
        logActivity(db, { userId, groupId, exerciseId, kind: 'probe.at', data: { n: 1 }, createdAt: at }),
      ),
    ).toBe(0);
    const lines = await db.select().from(activityLog).where(eq(activityLog.userId, userId));
    const now = lines.find((line) => line.kind === 'probe.now')!;
    expect(now).toMatchObject({ groupId: null, exerciseId: null, data: {} });
    expect(now.createdAt.getTime()).toBeGreaterThanOrEqual(before.getTime() - 1000);
    expect(lines.find((line) => line.kind === 'probe.at')).toMatchObject({
      groupId,
      exerciseId,
      data: { n: 1 },
      createdAt: at,
    });
  });

  it('saves drafts: the last save wins, or only over the draft the text was written from', async () => {
    const { db } = database;
    const t = (minute: number) => new Date(Date.UTC(2026, 11, 6, 10, minute, 0, 123));
    await db.delete(drafts).where(and(eq(drafts.userId, userId), eq(drafts.exerciseId, exerciseId)));
    // No draft then: saved; a second "no draft then" meets the first.
    expect(await saveDraft(db, userId, exerciseId, 'a', t(1), null)).toEqual({ savedAt: t(1) });
    expect(await saveDraft(db, userId, exerciseId, 'b', t(2), null)).toEqual({
      conflict: { code: 'a', updatedAt: t(1) },
    });
    // Written from the draft that is there: replaces it; from an older one: meets the newer.
    expect(await saveDraft(db, userId, exerciseId, 'c', t(3), t(1))).toEqual({ savedAt: t(3) });
    expect(await saveDraft(db, userId, exerciseId, 'd', t(4), t(1))).toEqual({
      conflict: { code: 'c', updatedAt: t(3) },
    });
    // Without a base the last save wins.
    expect(await saveDraft(db, userId, exerciseId, 'e', t(5))).toEqual({ savedAt: t(5) });
    // Each case built, none is built again: only the conflict's read of the draft kept is.
    expect(
      await builds(db, async () => {
        expect(await saveDraft(db, userId, exerciseId, 'f', t(6), t(5))).toEqual({ savedAt: t(6) });
        expect(await saveDraft(db, userId, exerciseId, 'g', t(7))).toEqual({ savedAt: t(7) });
        expect(await saveDraft(db, userId, exerciseId, 'h', t(8), null)).toEqual({
          conflict: { code: 'g', updatedAt: t(7) },
        });
      }),
    ).toBe(1);
    expect(await findDraft(db, userId, exerciseId)).toEqual({ code: 'g', updatedAt: t(7) });
  });

  it('claims jobs by priority, reclaims an expired lease, and builds the claim once', async () => {
    const { db } = database;
    await db.delete(gradingJobs).where(inArray(gradingJobs.status, ['queued', 'running']));
    const [exercise] = await db.select().from(exercises).where(eq(exercises.id, exerciseId));
    const queue = async (key: string, priority: number) => {
      const { submission } = await insertSubmissionWithJob(
        db,
        {
          userId,
          exerciseId,
          moduleVersionId: exercise!.moduleVersionId,
          kind: 'code',
          code: `// ${key}`,
          maxScore: 1,
          idempotencyKey: `claim-${key}`,
        },
        { priority },
      );
      return submission.id;
    };
    const low = await queue('low', 0);
    const high = await queue('high', 5);
    const later = await queue('later', 0);

    const before = Date.now();
    const first = await claimGradingJobs(db, { workerId: 'w1', limit: 2, leaseMs: 60_000 });
    expect(first.map((job) => job.submissionId)).toEqual([high, low]);
    for (const job of first) {
      expect(job).toMatchObject({ status: 'running', attempts: 1, lockedBy: 'w1', lastError: null });
      expect(job.lockedUntil!.getTime()).toBeGreaterThanOrEqual(before + 59_000);
    }

    // A lease that ran out: that attempt counts and its end is kept as the job's last error.
    await db
      .update(gradingJobs)
      .set({ lockedUntil: new Date(before - 1000) })
      .where(eq(gradingJobs.id, first[0]!.id));
    let second: Awaited<ReturnType<typeof claimGradingJobs>> = [];
    expect(
      await builds(db, async () => {
        second = await claimGradingJobs(db, { workerId: 'w2', limit: 5, leaseMs: 1_000 });
      }),
    ).toBe(0);
    expect(second.map((job) => job.submissionId)).toEqual([high, later]);
    expect(second[0]).toMatchObject({ attempts: 2, lockedBy: 'w2', lastError: LEASE_EXPIRED_ERROR });
    expect(second[1]).toMatchObject({ attempts: 1, lockedBy: 'w2', lastError: null });
    expect(await claimGradingJobs(db, { workerId: 'w3', limit: 5, leaseMs: 1_000 })).toEqual([]);
  });
});
