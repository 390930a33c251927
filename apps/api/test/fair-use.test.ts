// Fair use of the graders (docs/adr/0007-fair-use-of-the-graders.md): per-learner token buckets,
// one run in flight per learner, and back-pressure on runs while submissions keep being accepted.
import { randomUUID } from 'node:crypto';
import { listAllGroups, schema } from '@tremplin/db';
import { createGraderPool, type GradeRequest, type GraderPool } from '@tremplin/grader';
import { eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, demoExercise, gradedEvent, signIn, type TestApp } from './helper.ts';

const english = { 'accept-language': 'en' };

async function setUp(t: TestApp) {
  await t.app.ready();
  const somme = await demoExercise(t.database, 'somme');
  if (somme.spec.kind !== 'code') throw new Error('somme is a code exercise');
  return { somme: somme.id, solution: somme.spec.solution };
}

function post(
  t: TestApp,
  cookie: string,
  url: string,
  payload: object,
  headers: Record<string, string> = {},
) {
  return t.app.inject({ method: 'POST', url, headers: { cookie, ...headers }, payload });
}

function expectLimited(response: LightMyRequestResponse, retryAfter: number, message: string) {
  expect(response.statusCode).toBe(429);
  expect(response.headers['retry-after']).toBe(String(retryAfter));
  expect(response.json()).toEqual({ code: 'TREMPLIN_ERR_RATE_LIMITED', message });
}

describe('the per-learner token buckets', () => {
  let t: TestApp;
  let now = Date.UTC(2026, 11, 4, 9, 0, 0);
  let somme = '';
  let solution = '';
  const cookies = new Map<string, string>();
  const as = async (who: string) => {
    if (!cookies.has(who)) cookies.set(who, await signIn(t.app, `${who}@tremplin.test`));
    return cookies.get(who)!;
  };

  beforeAll(async () => {
    t = await buildTestApp({
      env: {
        RATE_RUNS_BURST: '10',
        RATE_RUNS_EVERY_SECONDS: '3',
        RATE_SUBMISSIONS_BURST: '5',
        RATE_SUBMISSIONS_EVERY_SECONDS: '10',
        RATE_HELP_BURST: '2',
        RATE_HELP_EVERY_SECONDS: '60',
        RATE_MESSAGES_BURST: '3',
        RATE_MESSAGES_EVERY_SECONDS: '5',
      },
      fairUse: { now: () => new Date(now) },
    });
    ({ somme, solution } = await setUp(t));
  });
  afterAll(() => t.close());

  it('refuses the 11th quick run with 429, Retry-After and the wait in the learner’s language', async () => {
    const cookie = await as('etudiant1');
    const run = (headers: Record<string, string> = {}) =>
      post(t, cookie, `/api/exercises/${somme}/runs`, { code: solution }, headers);
    for (let i = 0; i < 10; i++) expect((await run()).statusCode).toBe(200);

    expectLimited(await run(), 3, 'Trop d’exécutions en peu de temps : attendez 3 s avant de réessayer.');
    expectLimited(await run(english), 3, 'Too many runs in a short time: wait 3 s before trying again.');
    // Another learner has a bucket of their own.
    expect(
      (await post(t, await as('etudiant2'), `/api/exercises/${somme}/runs`, { code: solution })).statusCode,
    ).toBe(200);
  });

  it('gives a run back every 3 seconds, and tells the time left', async () => {
    const cookie = await as('etudiant1');
    const run = () => post(t, cookie, `/api/exercises/${somme}/runs`, { code: solution });
    now += 1000;
    expectLimited(await run(), 2, 'Trop d’exécutions en peu de temps : attendez 2 s avant de réessayer.');
    now += 2000;
    expect((await run()).statusCode).toBe(200);
    expect((await run()).statusCode).toBe(429);
    now += 30_000;
    for (let i = 0; i < 10; i++) expect((await run()).statusCode).toBe(200);
    expect((await run()).statusCode).toBe(429);
  });

  it('refuses the 6th quick submission and stores nothing of it', async () => {
    const cookie = await as('etudiant3');
    const submit = () =>
      post(t, cookie, `/api/exercises/${somme}/submissions`, {
        idempotencyKey: randomUUID(),
        code: solution,
      });
    for (let i = 0; i < 5; i++) expect((await submit()).statusCode).toBe(202);
    const stored = () =>
      t.database.db
        .select({ id: schema.submissions.id })
        .from(schema.submissions)
        .innerJoin(schema.users, eq(schema.users.id, schema.submissions.userId))
        .where(eq(schema.users.email, 'etudiant3@tremplin.test'));
    const before = (await stored()).length;
    expectLimited(
      await submit(),
      10,
      'Trop de soumissions en peu de temps : attendez 10 s avant de réessayer.',
    );
    expect(await stored()).toHaveLength(before);
  });

  it('limits help requests', async () => {
    const cookie = await as('etudiant4');
    const ask = (headers: Record<string, string> = {}) =>
      post(t, cookie, `/api/exercises/${somme}/help-requests`, { message: 'Je bloque' }, headers);
    expect((await ask()).statusCode).toBe(201);
    expect((await ask()).statusCode).toBe(201);
    expectLimited(
      await ask(english),
      60,
      'Too many help requests in a short time: wait 60 s before trying again.',
    );
  });

  it("limits a tutor's messages, to a group, to a learner and in reply to a request, together", async () => {
    const learner = await as('etudiant5');
    const help = await post(t, learner, `/api/exercises/${somme}/help-requests`, { message: 'Aidez-moi' });
    const learnerId = (await t.app.inject({ url: '/api/me', headers: { cookie: learner } })).json()
      .id as string;
    const tutor = await as('tuteur1');
    const lome = (await listAllGroups(t.database.db)).find((g) => g.name === 'Groupe Lomé 1')!.id;
    expect(
      (await post(t, tutor, `/api/groups/${lome}/messages`, { body: 'Bonjour à tous' })).statusCode,
    ).toBe(201);
    expect(
      (await post(t, tutor, `/api/learners/${learnerId}/messages`, { body: 'Bonjour' })).statusCode,
    ).toBe(201);
    const reply = `/api/help-requests/${help.json().id}/reply`;
    expect((await post(t, tutor, reply, { body: 'Regardez la boucle' })).statusCode).toBe(201);
    expectLimited(
      await post(t, tutor, reply, { body: 'Et la condition' }),
      5,
      'Trop de messages en peu de temps : attendez 5 s avant de réessayer.',
    );
  });
});

/** The real pool, holding the first grade until told (to have a run in flight for sure). */
function pausingPool(): { pool: GraderPool; entered: Promise<void>; resume: () => void } {
  const real = createGraderPool({ size: 1 });
  let enter!: () => void;
  let resume!: () => void;
  const entered = new Promise<void>((resolve) => (enter = resolve));
  const resumed = new Promise<void>((resolve) => (resume = resolve));
  let first = true;
  return {
    pool: {
      size: real.size,
      close: () => real.close(),
      async grade(request: GradeRequest) {
        if (first) {
          first = false;
          enter();
          await resumed;
        }
        return real.grade(request);
      },
    },
    entered,
    resume,
  };
}

describe('runs in flight', () => {
  const pausing = pausingPool();
  let t: TestApp;
  let somme = '';
  let solution = '';

  beforeAll(async () => {
    t = await buildTestApp({ grading: { pool: pausing.pool } });
    ({ somme, solution } = await setUp(t));
  });
  afterAll(async () => {
    await t.close();
    await pausing.pool.close();
  });

  it("answers a learner's second run 429 while the first is graded, and lets others run", async () => {
    const cookie = await signIn(t.app, 'etudiant1@tremplin.test');
    const run = (who: string) => post(t, who, `/api/exercises/${somme}/runs`, { code: solution });
    const first = run(cookie);
    await pausing.entered;

    const second = await run(cookie);
    expect(second.statusCode).toBe(429);
    expect(second.headers['retry-after']).toBe('1');
    expect(second.json().code).toBe('TREMPLIN_ERR_RUN_IN_PROGRESS');
    expect((await run(await signIn(t.app, 'etudiant2@tremplin.test'))).statusCode).toBe(200);

    pausing.resume();
    expect((await first).statusCode).toBe(200);
    expect((await run(cookie)).statusCode).toBe(200);
  });
});

describe('back-pressure', () => {
  let t: TestApp;
  let somme = '';
  let solution = '';

  beforeAll(async () => {
    // Graders said to clear one job a second, and no backlog allowed: one queued job is too many.
    t = await buildTestApp({ env: { GRADING_BACKLOG_SECONDS: '0', GRADING_JOBS_PER_SECOND: '1' } });
    ({ somme, solution } = await setUp(t));
  });
  afterAll(() => t.close());

  it('refuses runs with 503 and Retry-After while the queue is behind, yet accepts and grades submissions', async () => {
    const cookie = await signIn(t.app, 'etudiant1@tremplin.test');
    const run = () => post(t, cookie, `/api/exercises/${somme}/runs`, { code: solution });
    expect((await run()).statusCode).toBe(200);

    await t.app.grading.worker!.stop();
    const submitted = await post(t, cookie, `/api/exercises/${somme}/submissions`, {
      idempotencyKey: randomUUID(),
      code: solution,
    });
    expect(submitted.statusCode).toBe(202);
    const id = submitted.json().id as string;

    const refused = await run();
    expect(refused.statusCode).toBe(503);
    expect(refused.headers['retry-after']).toBe('1');
    expect(refused.json().code).toBe('TREMPLIN_ERR_GRADER_UNAVAILABLE');

    const graded = gradedEvent(t.app, id);
    t.app.grading.worker!.start();
    await graded;
    const submission = await t.app.inject({ url: `/api/submissions/${id}`, headers: { cookie } });
    expect(submission.json().status).toBe('graded');
    expect(submission.json().score).toBe(submission.json().maxScore);
    expect((await run()).statusCode).toBe(200);
  });
});
