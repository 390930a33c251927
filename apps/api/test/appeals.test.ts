// A learner contests a grade once per graded submission, with a comment; the learner's and the
// tutor's views of the submission tell the appeal, what waits for a grader, and the decision.
import { findUserByEmail, insertMachineFlag, schema } from '@tremplin/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, demoExercise, signIn, submitAndWait, type TestApp } from './helper.ts';

let t: TestApp;
let learner: { id: string; cookie: string };
let tutorCookie: string;
let somme: Awaited<ReturnType<typeof demoExercise>>;

beforeAll(async () => {
  t = await buildTestApp();
  await t.app.ready();
  learner = {
    cookie: await signIn(t.app, 'etudiant5@tremplin.test'),
    id: (await findUserByEmail(t.database.db, 'etudiant5@tremplin.test'))!.id,
  };
  tutorCookie = await signIn(t.app, 'tuteur1@tremplin.test'); // tutors Groupe Lomé 1, etudiant5's
  somme = await demoExercise(t.database, 'somme');
});
afterAll(() => t.close());

const solution = () => (somme.spec.kind === 'code' ? somme.spec.solution : '');

const appeal = (id: string, comment: string, cookie = learner.cookie, locale = 'fr') =>
  t.app.inject({
    method: 'POST',
    url: `/api/submissions/${id}/appeal`,
    headers: { cookie, 'accept-language': locale },
    payload: { comment },
  });

const learnerView = async (id: string) =>
  (await t.app.inject({ url: `/api/submissions/${id}`, headers: { cookie: learner.cookie } })).json();
const tutorView = async (id: string) =>
  (
    await t.app.inject({
      url: `/api/learners/${learner.id}/submissions/${id}`,
      headers: { cookie: tutorCookie },
    })
  ).json();

describe('an appeal', () => {
  it('is taken once per graded submission, its comment trimmed, and shown as pending', async () => {
    const graded = await submitAndWait(t.app, learner.cookie, somme.id, { code: solution() });
    expect(graded.review).toEqual({ pending: false, appealable: true, appeal: null, outcome: null });

    const created = await appeal(graded.id, '  Mon code gère aussi la liste vide.  ');
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ submissionId: graded.id });
    const [flag] = await t.database.db
      .select()
      .from(schema.flags)
      .where(eq(schema.flags.id, created.json().id));
    expect(flag).toMatchObject({
      source: 'appeal',
      status: 'open',
      reason: 'Mon code gère aussi la liste vide.',
    });
    expect(flag!.raisedBy).toBe(learner.id);

    const seen = await learnerView(graded.id);
    expect(seen.review).toEqual({
      pending: true,
      appealable: false,
      appeal: { comment: 'Mon code gère aussi la liste vide.', at: created.json().createdAt },
      outcome: null,
    });
    const history = await t.app.inject({
      url: `/api/exercises/${somme.id}/submissions`,
      headers: { cookie: learner.cookie },
    });
    expect(history.json().submissions.find((s: { id: string }) => s.id === graded.id).review).toEqual(
      seen.review,
    );
    expect((await tutorView(graded.id)).review).toEqual(seen.review);

    const again = await appeal(graded.id, 'Encore une fois');
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'TREMPLIN_ERR_APPEAL_EXISTS' });
    expect(again.json().message).toContain('une seule contestation');
    const inEnglish = await appeal(graded.id, 'Once more', learner.cookie, 'en');
    expect(inEnglish.json().message).toContain('one appeal per submission');
  });

  it('is refused on a submission not graded yet', async () => {
    const [row] = await t.database.db
      .select({ versionId: schema.exercises.moduleVersionId })
      .from(schema.exercises)
      .where(eq(schema.exercises.id, somme.id));
    // Queued without a grading job: it stays queued.
    const [queued] = await t.database.db
      .insert(schema.submissions)
      .values({
        userId: learner.id,
        exerciseId: somme.id,
        moduleVersionId: row!.versionId,
        kind: 'code',
        code: solution(),
        maxScore: somme.maxScore,
        idempotencyKey: 'appeal-not-graded',
      })
      .returning();
    const refused = await appeal(queued!.id, 'Trop tôt ?');
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('TREMPLIN_ERR_APPEAL_NOT_GRADED');
    expect((await learnerView(queued!.id)).review).toMatchObject({ appealable: false, pending: false });
  });

  it("is refused on another learner's submission as if it did not exist, and with a blank or long comment", async () => {
    const graded = await submitAndWait(t.app, learner.cookie, somme.id, { code: solution() });
    const other = await signIn(t.app, 'etudiant6@tremplin.test');
    const foreign = await appeal(graded.id, 'Pas la mienne', other);
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json().code).toBe('TREMPLIN_ERR_NOT_FOUND');

    const blank = await appeal(graded.id, '   ');
    expect(blank.statusCode).toBe(400);
    expect(blank.json().code).toBe('TREMPLIN_ERR_VALIDATION');
    const long = await appeal(graded.id, 'x'.repeat(2001));
    expect(long.statusCode).toBe(400);
    expect((await appeal(graded.id, 'x'.repeat(2000))).statusCode).toBe(201);
  });
});

describe("what the learner sees of others' flags and of decisions", () => {
  it('keeps an open machine flag from the learner, shows the tutor flag to tutors, and shows a decision to both', async () => {
    const graded = await submitAndWait(t.app, learner.cookie, somme.id, { code: solution() });
    await insertMachineFlag(t.database.db, {
      submissionId: graded.id,
      source: 'paste',
      reason: 'collage',
      details: { chars: 200, codeChars: 200, msSinceOpen: 1000 },
      now: new Date(),
    });
    const flagged = await t.app.inject({
      method: 'POST',
      url: `/api/submissions/${graded.id}/flags`,
      headers: { cookie: tutorCookie },
      payload: { reason: 'Code très proche de celui d’un voisin' },
    });
    expect(flagged.statusCode).toBe(201);
    expect((await learnerView(graded.id)).review).toMatchObject({ pending: false, appealable: true });
    expect((await tutorView(graded.id)).review).toMatchObject({ pending: true, appealable: true });

    // A grader's decision on the tutor's flag (as the review queue records it).
    const grader = await findUserByEmail(t.database.db, 'correcteur@tremplin.test');
    const decidedAt = new Date();
    await t.database.db
      .update(schema.flags)
      .set({ status: 'resolved', resolvedAt: decidedAt })
      .where(eq(schema.flags.id, flagged.json().id));
    await t.database.db.insert(schema.reviews).values({
      flagId: flagged.json().id,
      reviewerId: grader!.id,
      decision: 'overridden',
      previousScore: somme.maxScore,
      newScore: 0,
      comment: 'Copie avérée',
      createdAt: decidedAt,
    });
    const outcome = {
      decision: 'overridden',
      previousScore: somme.maxScore,
      newScore: 0,
      comment: 'Copie avérée',
      at: decidedAt.toISOString(),
    };
    expect((await learnerView(graded.id)).review).toEqual({
      pending: false,
      appealable: true,
      appeal: null,
      outcome,
    });
    expect((await tutorView(graded.id)).review).toMatchObject({ pending: false, outcome });
    const activity = await t.app.inject({
      url: `/api/learners/${learner.id}/activity`,
      headers: { cookie: tutorCookie },
    });
    const listed = activity.json().submissions.find((s: { id: string }) => s.id === graded.id);
    expect(listed.review).toMatchObject({ outcome });
  });
});
