// Every English exercise type graded on the server, against the exercise version's key.
import type { PublicSpec } from '@tremplin/contracts';
import { schema } from '@tremplin/db';
import { changePublishedContent } from '@tremplin/db/test-support';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { correctAnswer } from './answers.ts';
import { buildTestApp, demoExercise, signIn, submitAndWait, type TestApp } from './helper.ts';

let t: TestApp;
let cookie: string;

beforeAll(async () => {
  t = await buildTestApp();
  await t.app.ready();
  cookie = await signIn(t.app, 'etudiant3@tremplin.test');
});
afterAll(() => t.close());

async function viewOf(id: string): Promise<PublicSpec> {
  const response = await t.app.inject({ url: `/api/exercises/${id}`, headers: { cookie } });
  expect(response.statusCode).toBe(200);
  return response.json().spec as PublicSpec;
}

describe.each([
  'choisir-le-message',
  'bons-messages-de-commit',
  'completer-la-documentation',
  'ordre-des-mots',
  'etapes-pull-request',
  'termes-anglais-francais',
  'dictee-deploiement',
])('%s', (slug) => {
  it('gives full marks to the right answer and never shows the key before', async () => {
    const exercise = await demoExercise(t.database, slug);
    const view = await viewOf(exercise.id);
    const before = JSON.stringify(view);
    if (exercise.spec.kind === 'choice') expect(before).not.toContain('"correct"');
    if (exercise.spec.kind === 'cloze')
      for (const g of exercise.spec.gaps) expect(before).not.toContain(g.answers[0]);
    if (exercise.spec.kind === 'dictation') expect(before).not.toContain(exercise.spec.text.slice(0, 20));
    const graded = await submitAndWait(t.app, cookie, exercise.id, {
      answer: correctAnswer(exercise.spec, view),
    });
    expect(graded).toMatchObject({ status: 'graded', score: exercise.maxScore });
    expect(graded.result).toMatchObject({ kind: 'answers', status: 'pass' });
  });
});

describe('grading details', () => {
  it('accepts a cloze gap with a typo and says to watch the spelling', async () => {
    const exercise = await demoExercise(t.database, 'completer-la-documentation');
    if (exercise.spec.kind !== 'cloze') throw new Error('cloze expected');
    const gap = exercise.spec.gaps.find((g) => g.answers[0]!.length >= 4 && g.answers[0]!.length <= 9)!;
    const answer = correctAnswer(exercise.spec, await viewOf(exercise.id));
    if (answer.kind !== 'cloze') throw new Error('cloze expected');
    const word = gap.answers[0]!;
    answer.gaps[gap.id] = word.slice(0, -2) + word.at(-1) + word.at(-2); // swap the last two letters
    const graded = await submitAndWait(t.app, cookie, exercise.id, { answer });
    const item =
      graded.result!.kind === 'answers' ? graded.result!.items.find((i) => i.id === gap.id) : undefined;
    expect(item).toMatchObject({ status: 'accepted-typo' });
    expect(item!.message).toMatch(/attention à l’orthographe|attention à l'orthographe/);
    expect(graded.score).toBe(exercise.maxScore);
  });

  it('grades a choice answer that is wrong with per-option feedback', async () => {
    const exercise = await demoExercise(t.database, 'choisir-le-message');
    if (exercise.spec.kind !== 'choice') throw new Error('choice expected');
    const wrong = exercise.spec.options.find((o) => !o.correct)!;
    const graded = await submitAndWait(t.app, cookie, exercise.id, {
      answer: { kind: 'choice', selected: [wrong.id] },
    });
    expect(graded.score).toBe(0);
    expect(graded.result).toMatchObject({ kind: 'answers', status: 'fail' });
    const item =
      graded.result!.kind === 'answers' ? graded.result!.items.find((i) => i.id === wrong.id) : undefined;
    expect(item?.status).toBe('wrong');
  });

  it('scores a short writing against its rubric', async () => {
    const exercise = await demoExercise(t.database, 'ecrire-un-commit');
    const graded = await submitAndWait(t.app, cookie, exercise.id, {
      answer: { kind: 'writing', text: 'Fix crash when the login form is submitted empty' },
    });
    expect(graded.status).toBe('graded');
    expect(graded.result).toMatchObject({ kind: 'answers' });
    expect(graded.score).toBeGreaterThan(0);
    const poor = await submitAndWait(t.app, cookie, exercise.id, {
      answer: { kind: 'writing', text: 'stuff' },
    });
    expect(poor.score!).toBeLessThan(graded.score!);
  });

  it('refuses an answer of the wrong shape before storing anything', async () => {
    const exercise = await demoExercise(t.database, 'termes-anglais-francais');
    const before = (await t.database.db.select().from(schema.submissions)).length;
    const response = await t.app.inject({
      method: 'POST',
      url: `/api/exercises/${exercise.id}/submissions`,
      headers: { cookie },
      payload: { idempotencyKey: 'shape-000001', answer: { kind: 'matching', pairs: { nope: 'nothing' } } },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('TREMPLIN_ERR_ANSWER_SHAPE');
    const kindMismatch = await t.app.inject({
      method: 'POST',
      url: `/api/exercises/${exercise.id}/submissions`,
      headers: { cookie },
      payload: { idempotencyKey: 'shape-000002', answer: { kind: 'choice', selected: [] } },
    });
    expect(kindMismatch.statusCode).toBe(400);
    expect((await t.database.db.select().from(schema.submissions)).length).toBe(before);
  });

  it('limits the plays of a dictation and never puts its text in the exercise', async () => {
    const exercise = await demoExercise(t.database, 'dictee-deploiement');
    const other = await signIn(t.app, 'etudiant4@tremplin.test');
    const view = (
      await t.app.inject({ url: `/api/exercises/${exercise.id}`, headers: { cookie: other } })
    ).json();
    expect(view.spec).toMatchObject({ kind: 'dictation', playsUsed: 0 });
    const max = view.spec.maxPlays as number;
    for (let i = 1; i <= max; i++) {
      const play = await t.app.inject({
        method: 'POST',
        url: `/api/exercises/${exercise.id}/dictation/play`,
        headers: { cookie: other },
      });
      expect(play.json()).toMatchObject({ playsUsed: i, maxPlays: max });
    }
    const refused = await t.app.inject({
      method: 'POST',
      url: `/api/exercises/${exercise.id}/dictation/play`,
      headers: { cookie: other },
    });
    expect(refused.statusCode).toBe(429);
    expect(refused.json().code).toBe('TREMPLIN_ERR_PLAY_LIMIT');
  });

  it('refuses a submission to an archived version', async () => {
    const exercise = await demoExercise(t.database, 'choisir-le-message');
    const [row] = await t.database.db.select().from(schema.exercises).where(eqId(exercise.id));
    await t.database.db
      .update(schema.moduleVersions)
      .set({ status: 'archived', archivedAt: new Date() })
      .where(eqVersion(row!.moduleVersionId));
    try {
      const response = await t.app.inject({
        method: 'POST',
        url: `/api/exercises/${exercise.id}/submissions`,
        headers: { cookie },
        payload: { idempotencyKey: 'archived-0001', answer: { kind: 'choice', selected: [] } },
      });
      expect(response.statusCode).toBe(409);
      expect(response.json().code).toBe('TREMPLIN_ERR_VERSION_NOT_OPEN');
    } finally {
      // Back to published, which only a test may do: an archived version is frozen.
      await changePublishedContent(t.database.db, (tx) =>
        tx
          .update(schema.moduleVersions)
          .set({ status: 'published', archivedAt: null })
          .where(eqVersion(row!.moduleVersionId)),
      );
    }
  });
});

describe('feedback follows the reader language', () => {
  async function read(url: string, locale: 'fr' | 'en', as = cookie) {
    const response = await t.app.inject({ url, headers: { cookie: as, 'accept-language': locale } });
    expect(response.statusCode).toBe(200);
    return response.json();
  }

  async function clozeGradedInEnglish() {
    const exercise = await demoExercise(t.database, 'completer-la-documentation');
    if (exercise.spec.kind !== 'cloze') throw new Error('cloze expected');
    const answer = correctAnswer(exercise.spec, await viewOf(exercise.id));
    if (answer.kind !== 'cloze') throw new Error('cloze expected');
    const [first, ...rest] = exercise.spec.gaps;
    answer.gaps[first!.id] = 'zzzz';
    const english = { 'accept-language': 'en' };
    await t.app.inject({
      method: 'PUT',
      url: '/api/me/locale',
      headers: { cookie, ...english },
      payload: { locale: 'en' },
    });
    try {
      const graded = await submitAndWait(t.app, cookie, exercise.id, { answer }, english);
      return { exercise, id: graded.id, ok: rest.length, total: rest.length + 1 };
    } finally {
      await t.app.inject({
        method: 'PUT',
        url: '/api/me/locale',
        headers: { cookie },
        payload: { locale: 'fr' },
      });
    }
  }

  it('graded for a student in English, read again in French: the submission, the history, the tutor', async () => {
    const { exercise, id, ok, total } = await clozeGradedInEnglish();
    expect((await read(`/api/submissions/${id}`, 'en')).result.feedback).toBe(
      `Correct gaps: ${ok} of ${total}.`,
    );
    expect((await read(`/api/submissions/${id}`, 'fr')).result.feedback).toBe(
      `Trous corrects : ${ok} sur ${total}.`,
    );
    const history = await read(`/api/exercises/${exercise.id}/submissions`, 'fr');
    const mine = history.submissions.find((s: { id: string }) => s.id === id);
    expect(mine.result.feedback).toBe(`Trous corrects : ${ok} sur ${total}.`);

    const learner = (await read('/api/me', 'fr')).id as string;
    const tutor = await signIn(t.app, 'tuteur1@tremplin.test');
    const seen = await read(`/api/learners/${learner}/submissions/${id}`, 'fr', tutor);
    expect(seen.result.feedback).toBe(`Trous corrects : ${ok} sur ${total}.`);
    const activity = await read(`/api/learners/${learner}/activity`, 'en', tutor);
    expect(activity.submissions.find((s: { id: string }) => s.id === id).result.feedback).toBe(
      `Correct gaps: ${ok} of ${total}.`,
    );
  });

  it('stores the platform feedback as keys and an author text as text', async () => {
    const { id } = await clozeGradedInEnglish();
    const [row] = await t.database.db.select().from(schema.submissions).where(eq(schema.submissions.id, id));
    const stored = row!.results as { feedback: unknown; items: { message?: unknown }[] };
    expect(stored.feedback).toMatchObject({ key: 'english.cloze' });
    expect(JSON.stringify(stored)).not.toMatch(/Correct gaps|Trous corrects/);
  });

  it('reads a result stored before keys (plain strings) as it was, in either language', async () => {
    const { id } = await clozeGradedInEnglish();
    const legacy = {
      kind: 'answers',
      status: 'partial',
      items: [{ id: 'g1', status: 'accepted-typo', message: 'Accepted, watch the spelling: returns' }],
      feedback: 'Correct gaps: 3 of 4.',
      needsReview: false,
    };
    await t.database.db
      .update(schema.submissions)
      .set({ results: legacy })
      .where(eq(schema.submissions.id, id));
    expect((await read(`/api/submissions/${id}`, 'fr')).result).toEqual(legacy);
    expect((await read(`/api/submissions/${id}`, 'en')).result).toEqual(legacy);
  });
});

const eqId = (id: string) => eq(schema.exercises.id, id);
const eqVersion = (id: string) => eq(schema.moduleVersions.id, id);
