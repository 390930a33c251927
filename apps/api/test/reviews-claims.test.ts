// Claims on the review queue: two graders never hold one flag, on PGlite and on PostgreSQL (run
// with DATABASE_URL set); claims expire on the injected clock, and a decision needs a live claim.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoExercise } from './helper.ts';
import {
  buildReviewApp,
  GRADER,
  GRADER2,
  insertFlag,
  insertGradedSubmission,
  type ReviewApp,
} from './review-fixtures.ts';

let t: ReviewApp;
let exerciseId = '';
let learnerId = '';

beforeAll(async () => {
  t = await buildReviewApp();
  exerciseId = (await demoExercise(t.database, 'somme')).id;
  learnerId = await t.userId('etudiant2@tremplin.test');
});
afterAll(() => t.close());

async function newFlag(): Promise<string> {
  const submissionId = await insertGradedSubmission(t, {
    userId: learnerId,
    exerciseId,
    score: 0.5,
    code: 'function somme(a, b) { return a + b; }',
  });
  return insertFlag(t, { submissionId, source: 'tutor', reason: 'À vérifier' });
}

const claim = async (email: string, flagId: string, locale = 'fr') =>
  t.app.inject({
    method: 'POST',
    url: `/api/reviews/${flagId}/claim`,
    headers: { cookie: await t.cookie(email), 'accept-language': locale },
  });

const decide = async (email: string, flagId: string, body: object) =>
  t.app.inject({
    method: 'POST',
    url: `/api/reviews/${flagId}/decision`,
    headers: { cookie: await t.cookie(email) },
    payload: body,
  });

describe(`claims (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('lets exactly one of two graders claiming at once win, the other told who holds it', async () => {
    for (let round = 0; round < 5; round++) {
      const flagId = await newFlag();
      const answers = await Promise.all([claim(GRADER, flagId), claim(GRADER2, flagId)]);
      const statuses = answers.map((a) => a.statusCode).sort();
      expect(statuses).toEqual([200, 409]);
      const lost = answers.find((a) => a.statusCode === 409)!.json();
      expect(lost.code).toBe('TREMPLIN_ERR_REVIEW_CLAIMED');
      expect(lost.message).toMatch(/Yawo Kpeglo|Afi Mensah/);
    }
  });

  it('renews my own claim, and lets another grader claim once it expired', async () => {
    const flagId = await newFlag();
    const first = await claim(GRADER, flagId);
    expect(first.statusCode).toBe(200);
    expect(first.json().claim).toMatchObject({ mine: true, by: { displayName: 'Yawo Kpeglo' } });
    t.advance(10 * 60_000);
    const renewed = await claim(GRADER, flagId);
    expect(renewed.statusCode).toBe(200);
    expect(Date.parse(renewed.json().claim.expiresAt)).toBeGreaterThan(Date.parse(first.json().claim.expiresAt));
    const refused = await claim(GRADER2, flagId, 'en');
    expect(refused.statusCode).toBe(409);
    expect(refused.json().message).toMatch(/already claimed by Yawo Kpeglo/);
    t.advance(21 * 60_000);
    const taken = await claim(GRADER2, flagId);
    expect(taken.statusCode).toBe(200);
    expect(taken.json().claim.by.displayName).toBe('Afi Mensah');
  });

  it('refuses a decision on an expired claim, then a claim and a decision on a decided flag', async () => {
    const flagId = await newFlag();
    expect((await claim(GRADER, flagId)).statusCode).toBe(200);
    t.advance(21 * 60_000);
    const expired = await decide(GRADER, flagId, { decision: 'confirmed' });
    expect(expired.statusCode).toBe(409);
    expect(expired.json().code).toBe('TREMPLIN_ERR_REVIEW_NOT_CLAIMED');
    const unclaimed = await decide(GRADER2, flagId, { decision: 'dismissed' });
    expect(unclaimed.json().code).toBe('TREMPLIN_ERR_REVIEW_NOT_CLAIMED');

    expect((await claim(GRADER, flagId)).statusCode).toBe(200);
    expect((await decide(GRADER, flagId, { decision: 'confirmed' })).statusCode).toBe(200);
    const again = await claim(GRADER2, flagId);
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('TREMPLIN_ERR_REVIEW_DECIDED');
    const twice = await decide(GRADER, flagId, { decision: 'dismissed' });
    expect(twice.json().code).toBe('TREMPLIN_ERR_REVIEW_DECIDED');
  });

  it('lets a grader release a claim so that another takes it at once', async () => {
    const flagId = await newFlag();
    expect((await claim(GRADER, flagId)).statusCode).toBe(200);
    const released = await t.app.inject({
      method: 'DELETE',
      url: `/api/reviews/${flagId}/claim`,
      headers: { cookie: await t.cookie(GRADER) },
    });
    expect(released.statusCode).toBe(204);
    expect((await claim(GRADER2, flagId)).statusCode).toBe(200);
  });
});
