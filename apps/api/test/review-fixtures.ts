// Fixtures of the graders' tests: an app with a clock the test moves, a second grader, flags
// inserted as the flag sources (B1, the similarity check) would insert them.
import { findUserByEmail, hashPassword, schema } from '@tremplin/db';
import { eq } from 'drizzle-orm';
import { buildTestApp, signIn, type TestApp } from './helper.ts';

export interface ReviewApp extends TestApp {
  /** Moves the clock of claims and sessions forward. */
  advance(ms: number): void;
  cookie(email: string, password?: string): Promise<string>;
  userId(email: string): Promise<string>;
}

export const GRADER = 'correcteur@tremplin.test';
export const GRADER2 = 'correcteur2@tremplin.test';
const GRADER2_PASSWORD = 'second-grader-pass';

export async function buildReviewApp(env: Record<string, string> = {}): Promise<ReviewApp> {
  let offset = 0;
  const t = await buildTestApp({ env, now: () => new Date(Date.now() + offset) });
  await t.app.ready();
  const [second] = await t.database.db
    .insert(schema.users)
    .values({ email: GRADER2, displayName: 'Afi Mensah', passwordHash: await hashPassword(GRADER2_PASSWORD) })
    .returning();
  await t.database.db.insert(schema.memberships).values({ userId: second!.id, role: 'grader', groupId: null });
  const cookies = new Map<string, string>();
  return {
    ...t,
    advance: (ms) => {
      offset += ms;
    },
    cookie: async (email, password) => {
      if (!cookies.has(email))
        cookies.set(email, await signIn(t.app, email, password ?? (email === GRADER2 ? GRADER2_PASSWORD : undefined)));
      return cookies.get(email)!;
    },
    userId: async (email) => (await findUserByEmail(t.database.db, email))!.id,
  };
}

/** Inserts an open flag on a submission (as a flag source would). */
export async function insertFlag(
  t: TestApp,
  flag: {
    submissionId: string;
    source: (typeof schema.flags.$inferInsert)['source'];
    reason?: string;
    otherSubmissionId?: string;
    similarity?: number;
    details?: Record<string, unknown>;
    createdAt?: Date;
  },
): Promise<string> {
  const [row] = await t.database.db
    .insert(schema.flags)
    .values({
      submissionId: flag.submissionId,
      source: flag.source,
      reason: flag.reason ?? 'machine',
      otherSubmissionId: flag.otherSubmissionId ?? null,
      similarity: flag.similarity ?? null,
      details: flag.details ?? {},
      ...(flag.createdAt ? { createdAt: flag.createdAt } : {}),
    })
    .returning({ id: schema.flags.id });
  return row!.id;
}

/** A submission row written directly (graded), for tests that need many quickly. */
export async function insertGradedSubmission(
  t: TestApp,
  input: { userId: string; exerciseId: string; score: number; code?: string; answers?: unknown },
): Promise<string> {
  const [exercise] = await t.database.db
    .select({ versionId: schema.exercises.moduleVersionId, maxScore: schema.exercises.maxScore })
    .from(schema.exercises)
    .where(eq(schema.exercises.id, input.exerciseId));
  const [row] = await t.database.db
    .insert(schema.submissions)
    .values({
      userId: input.userId,
      exerciseId: input.exerciseId,
      moduleVersionId: exercise!.versionId,
      kind: input.answers ? 'answers' : 'code',
      code: input.code ?? null,
      answers: input.answers ?? null,
      status: 'graded',
      score: input.score,
      maxScore: exercise!.maxScore,
      results: null,
      gradedAt: new Date(),
    })
    .returning({ id: schema.submissions.id });
  return row!.id;
}
