// The graders' queue and decisions: filters and counts, the review page, overrides refused without a
// comment or out of range (in French and English), the conflict rule, misconduct notifications, and
// "accept this answer" publishing a new version and regrading every learner who gave it; every
// score change leaves a line in the append-only audit log; the tutor's learner page hears it live.
import type { PublicSpec, ReviewItem, ReviewQueue } from '@tremplin/contracts';
import { schema } from '@tremplin/db';
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { correctAnswer } from './answers.ts';
import { demoExercise, submitAndWait } from './helper.ts';
import { LiveClient } from './live-client.ts';
import {
  buildReviewApp,
  GRADER,
  GRADER2,
  insertFlag,
  insertGradedSubmission,
  type ReviewApp,
} from './review-fixtures.ts';

let t: ReviewApp;
let codeExercise = '';
const ids = {
  student1: '',
  student20: '',
  student3: '',
  student4: '',
  tutor1: '',
  tutor2: '',
  coordinator: '',
};

beforeAll(async () => {
  t = await buildReviewApp();
  codeExercise = (await demoExercise(t.database, 'somme')).id;
  ids.student1 = await t.userId('etudiant1@tremplin.test');
  ids.student20 = await t.userId('etudiant20@tremplin.test');
  ids.student3 = await t.userId('etudiant3@tremplin.test');
  ids.student4 = await t.userId('etudiant4@tremplin.test');
  ids.tutor1 = await t.userId('tuteur1@tremplin.test');
  ids.tutor2 = await t.userId('tuteur2@tremplin.test');
  ids.coordinator = await t.userId('coordination@tremplin.test');
});
afterAll(() => t.close());

const get = async <T>(url: string, email = GRADER, locale = 'fr') => {
  const response = await t.app.inject({
    url,
    headers: { cookie: await t.cookie(email), 'accept-language': locale },
  });
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as T;
};
const claim = async (flagId: string, email = GRADER) => {
  const response = await t.app.inject({
    method: 'POST',
    url: `/api/reviews/${flagId}/claim`,
    headers: { cookie: await t.cookie(email) },
  });
  expect(response.statusCode, response.body).toBe(200);
};
const decide = async (flagId: string, body: object, email = GRADER, locale = 'fr') =>
  t.app.inject({
    method: 'POST',
    url: `/api/reviews/${flagId}/decision`,
    headers: { cookie: await t.cookie(email), 'accept-language': locale },
    payload: body,
  });

const codeFlag = async (userId: string, source: 'tutor' | 'sandbox' | 'paste' = 'tutor', score = 0.5) => {
  const submissionId = await insertGradedSubmission(t, {
    userId,
    exerciseId: codeExercise,
    score,
    code: 'function somme(a, b) {\n  return a + b;\n}\n',
  });
  const details =
    source === 'paste'
      ? { chars: 400, codeChars: 420, msSinceOpen: 30_000 }
      : source === 'sandbox'
        ? { kind: 'hidden-limit', tests: [{ name: 'grands nombres', status: 'timeout' }] }
        : {};
  const flagId = await insertFlag(t, { submissionId, source, reason: 'Code à vérifier', details });
  return { submissionId, flagId };
};

async function auditOf(submissionId: string) {
  return t.database.db
    .select()
    .from(schema.auditLog)
    .where(and(eq(schema.auditLog.subjectType, 'submission'), eq(schema.auditLog.subjectId, submissionId)));
}

async function notificationsOf(userId: string) {
  return t.database.db
    .select()
    .from(schema.notifications)
    .where(eq(schema.notifications.userId, userId))
    .orderBy(desc(schema.notifications.createdAt));
}

describe('the queue', () => {
  it('filters by source, counts open flags by source, pages oldest first, and renders machine reasons', async () => {
    const paste = await codeFlag(ids.student1, 'paste');
    await codeFlag(ids.student1, 'sandbox');
    await codeFlag(ids.student20, 'tutor');
    const all = await get<ReviewQueue>('/api/reviews?limit=200');
    expect(all.counts.bySource.paste).toBeGreaterThanOrEqual(1);
    expect(all.counts.bySource.sandbox).toBeGreaterThanOrEqual(1);
    expect(all.counts.total).toBe(Object.values(all.counts.bySource).reduce((a, b) => a + b, 0));
    const times = all.items.map((i) => Date.parse(i.createdAt));
    expect([...times].sort((a, b) => a - b)).toEqual(times);

    const pastes = await get<ReviewQueue>('/api/reviews?source=paste');
    expect(pastes.items.every((i) => i.source === 'paste')).toBe(true);
    // The counts stay by source under the other filters, whatever source is picked.
    expect(pastes.counts.bySource).toEqual(all.counts.bySource);
    const item = pastes.items.find((i) => i.id === paste.flagId)!;
    expect(item.reason).toMatch(/Un collage de 400 caractères/);
    expect(item).toMatchObject({
      learner: { id: ids.student1 },
      group: { name: 'Groupe Lomé 1' },
      exercise: { slug: 'somme', kind: 'code' },
      module: { slug: 'programmation-js' },
      discipline: 'programming',
      claim: null,
    });
    const english = await get<ReviewQueue>('/api/reviews?source=paste', GRADER, 'en');
    expect(english.items.find((i) => i.id === paste.flagId)!.reason).toMatch(/A paste of 400 characters/);

    const sandbox = await get<ReviewQueue>('/api/reviews?source=sandbox');
    expect(sandbox.items[0]!.reason).toMatch(/« grands nombres » \(limite de temps\)/);

    const kara = await get<ReviewQueue>(
      `/api/reviews?exercise=somme&university=${all.items.find((i) => i.learner.id === ids.student20)!.university!.id}`,
    );
    expect(
      kara.items.every(
        (i) => i.university?.name === all.items.find((x) => x.learner.id === ids.student20)!.university!.name,
      ),
    ).toBe(true);

    const old = await get<ReviewQueue>('/api/reviews?minAgeDays=1');
    expect(old.items).toEqual([]);

    const first = await get<ReviewQueue>('/api/reviews?limit=1');
    expect(first.next).not.toBeNull();
    const second = await get<ReviewQueue>(`/api/reviews?limit=1&after=${first.next}`);
    expect(second.items[0]!.id).not.toBe(first.items[0]!.id);
    expect(Date.parse(second.items[0]!.createdAt)).toBeGreaterThanOrEqual(
      Date.parse(first.items[0]!.createdAt),
    );
  });

  it('shows my claims under view=mine and decided flags under view=resolved', async () => {
    const { flagId } = await codeFlag(ids.student1);
    await claim(flagId);
    const mine = await get<ReviewQueue>('/api/reviews?view=mine');
    expect(mine.items.map((i) => i.id)).toContain(flagId);
    expect(mine.items.find((i) => i.id === flagId)!.claim).toMatchObject({ mine: true });
    const other = await get<ReviewQueue>('/api/reviews?view=mine', GRADER2);
    expect(other.items.map((i) => i.id)).not.toContain(flagId);
    const seen = await get<ReviewQueue>('/api/reviews', GRADER2);
    expect(seen.items.find((i) => i.id === flagId)!.claim).toMatchObject({
      mine: false,
      by: { displayName: 'Yawo Kpeglo' },
    });
    expect((await decide(flagId, { decision: 'dismissed' })).statusCode).toBe(200);
    const resolved = await get<ReviewQueue>('/api/reviews?view=resolved');
    expect(resolved.items.find((i) => i.id === flagId)).toMatchObject({
      status: 'resolved',
      decision: 'dismissed',
    });
  });
});

describe('decisions', () => {
  it('refuses an override out of range or without a comment, in French and in English', async () => {
    const { flagId } = await codeFlag(ids.student1);
    await claim(flagId);
    const cases: Array<[object, string, RegExp, RegExp]> = [
      [
        { decision: 'overridden', percent: 150, comment: 'ok' },
        'TREMPLIN_ERR_REVIEW_SCORE_RANGE',
        /entre 0 et 100/,
        /between 0 and 100/,
      ],
      [
        { decision: 'overridden', percent: -1, comment: 'ok' },
        'TREMPLIN_ERR_REVIEW_SCORE_RANGE',
        /entre 0 et 100/,
        /between 0 and 100/,
      ],
      [
        { decision: 'overridden', comment: 'ok' },
        'TREMPLIN_ERR_REVIEW_SCORE_RANGE',
        /entre 0 et 100/,
        /between 0 and 100/,
      ],
      [
        { decision: 'overridden', percent: 50, comment: '   ' },
        'TREMPLIN_ERR_REVIEW_COMMENT_REQUIRED',
        /commentaire est obligatoire/,
        /comment is required/,
      ],
      [
        { decision: 'misconduct' },
        'TREMPLIN_ERR_REVIEW_COMMENT_REQUIRED',
        /commentaire est obligatoire/,
        /comment is required/,
      ],
    ];
    for (const [body, code, fr, en] of cases) {
      const french = await decide(flagId, body);
      expect(french.statusCode).toBe(400);
      expect(french.json()).toMatchObject({ code });
      expect(french.json().message).toMatch(fr);
      const english = await decide(flagId, body, GRADER, 'en');
      expect(english.json().message).toMatch(en);
    }
  });

  it('overrides a score: new score from the percentage, an audit line, a notification, live events', async () => {
    const { flagId, submissionId } = await codeFlag(ids.student1, 'tutor', 0.5);
    await claim(flagId);
    const events: Array<{ type: string }> = [];
    const off = t.app.grading.bus.subscribe((e) => events.push(e));
    const response = await decide(flagId, {
      decision: 'overridden',
      percent: 33.3333,
      comment: 'Cas limites traités à la main.',
    });
    off();
    expect(response.statusCode, response.body).toBe(200);
    const [submission] = await t.database.db
      .select()
      .from(schema.submissions)
      .where(eq(schema.submissions.id, submissionId));
    const expected = Math.round(0.333333 * submission!.maxScore * 1000) / 1000;
    expect(response.json().review).toMatchObject({
      decision: 'overridden',
      previousScore: 0.5,
      newScore: expected,
      comment: 'Cas limites traités à la main.',
      reviewer: { displayName: 'Yawo Kpeglo' },
    });
    expect(submission!.score).toBe(expected);
    const audit = await auditOf(submissionId);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      action: 'score.changed',
      before: { score: 0.5 },
      after: { score: expected },
      reason: 'Cas limites traités à la main.',
      actorId: await t.userId(GRADER),
    });
    const notes = await notificationsOf(ids.student1);
    expect(notes[0]).toMatchObject({
      kind: 'grade.changed',
      data: { submissionId, before: 0.5, after: expected },
    });
    expect(events).toContainEqual(
      expect.objectContaining({ type: 'submission.graded', submissionId, score: expected }),
    );
    expect(events).toContainEqual(
      expect.objectContaining({
        type: 'submission.reviewed',
        submissionId,
        flagId,
        decision: 'overridden',
        userId: ids.student1,
      }),
    );
    const page = await get<ReviewItem>(`/api/reviews/${flagId}`);
    expect(page.review).toMatchObject({ decision: 'overridden', newScore: expected });
  });

  it('confirms without touching the score or the audit log', async () => {
    const { flagId, submissionId } = await codeFlag(ids.student1);
    await claim(flagId);
    expect((await decide(flagId, { decision: 'confirmed' })).statusCode).toBe(200);
    expect(await auditOf(submissionId)).toHaveLength(0);
  });

  it('keeps a grader who tutors the learner from deciding (REVIEW_CONFLICT_RULE=tutor)', async () => {
    // The Lomé tutor also grades.
    await t.database.db
      .insert(schema.memberships)
      .values({ userId: ids.tutor1, role: 'grader', groupId: null });
    const tutorCookie = 'tuteur1@tremplin.test';
    const mine = await codeFlag(ids.student1);
    const notMine = await codeFlag(ids.student20);
    await claim(mine.flagId, tutorCookie);
    const page = await get<ReviewItem>(`/api/reviews/${mine.flagId}`, tutorCookie);
    expect(page.conflict).toMatch(/tuteur/);
    const refused = await decide(mine.flagId, { decision: 'confirmed' }, tutorCookie, 'en');
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ code: 'TREMPLIN_ERR_REVIEW_CONFLICT' });
    expect(refused.json().message).toMatch(/You tutor this learner/);
    await claim(notMine.flagId, tutorCookie);
    expect((await get<ReviewItem>(`/api/reviews/${notMine.flagId}`, tutorCookie)).conflict).toBeNull();
    expect((await decide(notMine.flagId, { decision: 'confirmed' }, tutorCookie)).statusCode).toBe(200);
  });

  it('marks misconduct on a similar pair: both tutors and every coordinator are notified', async () => {
    const left = await insertGradedSubmission(t, {
      userId: ids.student1,
      exerciseId: codeExercise,
      score: 1,
      code: 'const somme = (a, b) => a + b;\n',
    });
    const right = await insertGradedSubmission(t, {
      userId: ids.student20,
      exerciseId: codeExercise,
      score: 1,
      code: 'const add = (x, y) => x + y;\n',
    });
    const regions = [{ left: { startLine: 1, endLine: 1 }, right: { startLine: 1, endLine: 1 } }];
    const flagId = await insertFlag(t, {
      submissionId: left,
      otherSubmissionId: right,
      source: 'similarity',
      similarity: 0.93,
      details: { regions, threshold: 0.8 },
    });
    const page = await get<ReviewItem>(`/api/reviews/${flagId}`);
    expect(page.flag.reason).toMatch(/similaire à 93/);
    expect(page.regions).toEqual(regions);
    expect(page.other).toMatchObject({
      id: right,
      learner: { id: ids.student20 },
      code: 'const add = (x, y) => x + y;\n',
    });
    expect(page.submission.history.some((h) => h.kind === 'submission')).toBe(true);

    await claim(flagId);
    const response = await decide(flagId, { decision: 'misconduct', comment: 'Copie manifeste.' });
    expect(response.statusCode, response.body).toBe(200);
    // Each tutor reads about their own learner; the coordination about the flagged submission's.
    for (const [reader, learnerId] of [
      [ids.tutor1, ids.student1],
      [ids.tutor2, ids.student20],
      [ids.coordinator, ids.student1],
    ] as const) {
      const notes = await notificationsOf(reader);
      const note = notes.find(
        (n) => n.kind === 'misconduct' && (n.data as { flagId: string }).flagId === flagId,
      );
      expect(note, reader).toBeDefined();
      expect((note!.data as { learnerId: string }).learnerId, reader).toBe(learnerId);
    }
    // Without a percentage the score stands.
    expect(await auditOf(left)).toHaveLength(0);
  });
});

describe('accept this answer', () => {
  it('publishes a new version with the variant and regrades every learner who gave it', async () => {
    const exercise = await demoExercise(t.database, 'completer-la-documentation');
    if (exercise.spec.kind !== 'cloze') throw new Error('cloze expected');
    const [versionBefore] = await t.database.db
      .select({ version: schema.moduleVersions.version, moduleId: schema.moduleVersions.moduleId })
      .from(schema.exercises)
      .innerJoin(schema.moduleVersions, eq(schema.moduleVersions.id, schema.exercises.moduleVersionId))
      .where(eq(schema.exercises.id, exercise.id));
    const answerOf = async (email: string, exerciseId = exercise.id) => {
      const cookie = await t.cookie(email);
      const view = await t.app.inject({ url: `/api/exercises/${exerciseId}`, headers: { cookie } });
      const answer = correctAnswer(exercise.spec, view.json().spec as PublicSpec);
      if (answer.kind !== 'cloze') throw new Error('cloze expected');
      answer.gaps.g1 = '  Yields ';
      return submitAndWait(t.app, cookie, exerciseId, { answer });
    };
    const first = await answerOf('etudiant3@tremplin.test');
    const second = await answerOf('etudiant4@tremplin.test');
    const unrelated = await (async () => {
      const cookie = await t.cookie('etudiant5@tremplin.test');
      const view = await t.app.inject({ url: `/api/exercises/${exercise.id}`, headers: { cookie } });
      const answer = correctAnswer(exercise.spec, view.json().spec as PublicSpec);
      if (answer.kind !== 'cloze') throw new Error('cloze expected');
      answer.gaps.g1 = 'produces';
      return submitAndWait(t.app, cookie, exercise.id, { answer });
    })();
    expect(first.score).toBeLessThan(exercise.maxScore);
    const flagId = await insertFlag(t, {
      submissionId: first.id,
      source: 'appeal',
      reason: '« yields » veut dire « renvoie ».',
    });

    // The tutor of etudiant3 follows their learner page live.
    const tutor = await LiveClient.open(t.app, await t.cookie('tuteur1@tremplin.test'));
    const snapshot = await tutor.subscribe(`learner:${ids.student3}`);
    expect(snapshot.type).toBe('snapshot');

    const page = await get<ReviewItem>(`/api/reviews/${flagId}`);
    expect(page.acceptable).toEqual([
      { itemId: 'g1', label: expect.stringContaining('g1'), answer: 'Yields' },
    ]);
    expect(page.submission.result).toMatchObject({ kind: 'answers' });

    await claim(flagId);
    const refused = await decide(flagId, { decision: 'accepted', itemId: 'g2' });
    expect(refused.json().code).toBe('TREMPLIN_ERR_REVIEW_NOT_ACCEPTABLE');
    const live = tutor.upcoming((m) => m.type === 'reviewed');
    const response = await decide(flagId, {
      decision: 'accepted',
      itemId: 'g1',
      comment: 'Variante correcte.',
    });
    expect(response.statusCode, response.body).toBe(200);
    const result = response.json();
    expect(result.version).toBe(versionBefore!.version + 1);
    expect(result.regraded).toBe(2);
    expect(result.review).toMatchObject({
      decision: 'accepted',
      previousScore: first.score,
      newScore: exercise.maxScore,
    });

    const [published] = await t.database.db
      .select()
      .from(schema.moduleVersions)
      .where(
        and(
          eq(schema.moduleVersions.moduleId, versionBefore!.moduleId),
          eq(schema.moduleVersions.version, result.version),
        ),
      );
    expect(published!.status).toBe('published');
    expect(published!.changeNote).toBe('Variante acceptée par Yawo Kpeglo : « Yields »');

    const rows = await t.database.db
      .select()
      .from(schema.submissions)
      .where(inArray(schema.submissions.id, [first.id, second.id, unrelated.id]));
    const score = (id: string) => rows.find((r) => r.id === id)!.score;
    expect(score(first.id)).toBe(exercise.maxScore);
    expect(score(second.id)).toBe(exercise.maxScore);
    expect(score(unrelated.id)).toBe(unrelated.score);

    for (const [submission, learner] of [
      [first.id, ids.student3],
      [second.id, ids.student4],
    ] as const) {
      const audit = await auditOf(submission);
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({ action: 'score.changed', after: { score: exercise.maxScore } });
      const notes = await notificationsOf(learner);
      expect(
        notes.find(
          (n) =>
            n.kind === 'grade.changed' && (n.data as { submissionId: string }).submissionId === submission,
        ),
      ).toBeDefined();
    }

    const message = await live;
    expect(message).toMatchObject({
      type: 'reviewed',
      learnerId: ids.student3,
      submissionId: first.id,
      outcome: { decision: 'accepted', newScore: exercise.maxScore, comment: 'Variante correcte.' },
    });
    expect(tutor.invalid).toEqual([]);
    tutor.socket.close();

    // A later learner giving the variant is graded right by the new version.
    const newest = await demoExercise(t.database, 'completer-la-documentation');
    expect(newest.id).not.toBe(exercise.id);
    const later = await answerOf('etudiant6@tremplin.test', newest.id);
    expect(later.score).toBe(exercise.maxScore);
  });

  it('keeps the audit log append-only: UPDATE and DELETE are refused by the database', async () => {
    await expect(
      t.database.db.execute(sql`update audit_log set reason = 'changed' where action = 'score.changed'`),
    ).rejects.toThrow();
    await expect(
      t.database.db.execute(sql`delete from audit_log where action = 'score.changed'`),
    ).rejects.toThrow();
  });
});

describe('who may', () => {
  it('answers 403 to everyone but graders and admins, the coordination included', async () => {
    for (const email of [
      'etudiant1@tremplin.test',
      'tuteur2@tremplin.test',
      'coordination@tremplin.test',
      'auteur@tremplin.test',
    ]) {
      const response = await t.app.inject({
        url: '/api/reviews',
        headers: { cookie: await t.cookie(email) },
      });
      expect(response.statusCode, email).toBe(403);
    }
  });
});
