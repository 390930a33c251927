import { claimGradingJobs, completeGrading, countPendingJobs, schema } from '@tremplin/db';
import { changePublishedContent } from '@tremplin/db/test-support';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, demoExercise, gradedEvent, signIn, submitAndWait, type TestApp } from './helper.ts';

let t: TestApp;
let cookie: string;
let somme: Awaited<ReturnType<typeof demoExercise>>;
let moyenne: Awaited<ReturnType<typeof demoExercise>>;

beforeAll(async () => {
  t = await buildTestApp();
  await t.app.ready();
  cookie = await signIn(t.app, 'etudiant1@tremplin.test');
  somme = await demoExercise(t.database, 'somme');
  moyenne = await demoExercise(t.database, 'moyenne');
});
afterAll(() => t.close());

const spec = (e: typeof somme) => {
  if (e.spec.kind !== 'code') throw new Error('not a code exercise');
  return e.spec;
};

describe('a code exercise', () => {
  it('shows the starter and the visible tests, never the solution or the hidden tests', async () => {
    const response = await t.app.inject({ url: `/api/exercises/${somme.id}`, headers: { cookie } });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.spec).toMatchObject({
      kind: 'code',
      starter: spec(somme).starter,
      visibleTests: spec(somme).visibleTests,
    });
    expect(body.spec.hiddenTestCount).toBeGreaterThan(0);
    expect(response.body).not.toContain(JSON.stringify(spec(somme).solution).slice(1, -1));
    expect(response.body).not.toContain(JSON.stringify(spec(somme).hiddenTests).slice(1, -1));
    expect(body.draft).toBeNull();
  });

  it('saves a draft and restores it', async () => {
    const saved = await t.app.inject({
      method: 'PUT',
      url: `/api/exercises/${somme.id}/draft`,
      headers: { cookie },
      payload: { code: '// brouillon\n' },
    });
    expect(saved.statusCode).toBe(200);
    const again = await t.app.inject({ url: `/api/exercises/${somme.id}`, headers: { cookie } });
    expect(again.json().draft.code).toBe('// brouillon\n');
  });

  it('runs the starter against the visible tests and fails, then the solution and passes', async () => {
    const failing = await t.app.inject({
      method: 'POST',
      url: `/api/exercises/${somme.id}/runs`,
      headers: { cookie },
      payload: { code: spec(somme).starter },
    });
    expect(failing.statusCode).toBe(200);
    expect(failing.json().result.status).not.toBe('pass');
    expect(failing.json().result.tests.every((test: { hidden: boolean }) => !test.hidden)).toBe(true);
    const passing = await t.app.inject({
      method: 'POST',
      url: `/api/exercises/${somme.id}/runs`,
      headers: { cookie },
      payload: { code: spec(somme).solution },
    });
    expect(passing.json().result).toMatchObject({ kind: 'code', status: 'pass' });
    expect(passing.json().result.passed).toBe(passing.json().result.total);
  });

  it('grades a TypeScript submission on visible and hidden tests, hidden ones without their detail', async () => {
    const failed = await submitAndWait(t.app, cookie, moyenne.id, { code: spec(moyenne).starter });
    expect(failed.status).toBe('graded');
    expect(failed.score).toBeLessThan(moyenne.maxScore);
    const hidden = failed.result!.kind === 'code' ? failed.result!.tests.filter((x) => x.hidden) : [];
    expect(hidden.length).toBeGreaterThan(0);
    for (const test of hidden) if (test.status !== 'pass') expect(test.message).toMatch(/Test caché échoué/);

    const passed = await submitAndWait(t.app, cookie, moyenne.id, { code: spec(moyenne).solution });
    expect(passed).toMatchObject({ status: 'graded', score: moyenne.maxScore });
    expect(passed.result).toMatchObject({ kind: 'code', status: 'pass' });
    const history = await t.app.inject({
      url: `/api/exercises/${moyenne.id}/submissions`,
      headers: { cookie },
    });
    expect(history.json().submissions.map((s: { code: string }) => s.code)).toEqual([
      spec(moyenne).solution,
      spec(moyenne).starter,
    ]);
  });

  it('answers a double click with the same submission, stored once', async () => {
    const payload = { idempotencyKey: 'double-click-0001', code: spec(somme).solution };
    const [first, second] = await Promise.all(
      [1, 2].map(() =>
        t.app.inject({
          method: 'POST',
          url: `/api/exercises/${somme.id}/submissions`,
          headers: { cookie },
          payload,
        }),
      ),
    );
    expect(first!.statusCode).toBe(202);
    expect(second!.statusCode).toBe(202);
    expect(first!.json().id).toBe(second!.json().id);
    const rows = await t.database.db
      .select()
      .from(schema.submissions)
      .where(eq(schema.submissions.idempotencyKey, 'double-click-0001'));
    expect(rows).toHaveLength(1);
  });
});

const setSpec = (exerciseSpec: ReturnType<typeof spec>) =>
  changePublishedContent(t.database.db, (tx) =>
    tx.update(schema.exercises).set({ spec: exerciseSpec }).where(eq(schema.exercises.id, somme.id)),
  );

describe('test files as ES modules', () => {
  it('grade strict-mode assertions as Node and Jest do, through a Run', async () => {
    const original = spec(somme);
    const strict = `
test('écrire une propriété sans mutateur lève une TypeError', () => {
  const compte = { get solde() { return 0; } };
  expect(() => { compte.solde = 100; }).toThrow(TypeError);
});
test('modifier un objet gelé lève une TypeError', () => {
  const gele = Object.freeze({ n: 1 });
  expect(() => { gele.n = 2; }).toThrow(TypeError);
});
test('affecter un nom non déclaré lève une ReferenceError', () => {
  expect(() => { nonDeclaree = 1; }).toThrow(ReferenceError);
});
test('this vaut undefined au niveau du module', () => {
  expect(this).toBeUndefined();
});
`;
    await setSpec({ ...original, visibleTests: original.visibleTests + strict });
    try {
      const run = await t.app.inject({
        method: 'POST',
        url: `/api/exercises/${somme.id}/runs`,
        headers: { cookie },
        payload: { code: original.solution },
      });
      expect(run.statusCode).toBe(200);
      const result = run.json().result;
      expect(result.tests.filter((x: { status: string }) => x.status !== 'pass')).toEqual([]);
      expect(result).toMatchObject({ status: 'pass', passed: result.total });
      expect(result.total).toBeGreaterThanOrEqual(4);
    } finally {
      await setSpec(original);
    }
  });
});

describe('skipped and to-do tests', () => {
  it('lists them without counting them in the total, the hidden-test count or the score', async () => {
    const original = spec(somme);
    // Both would fail if they ran: a skipped test must not be run, nor count against the student.
    const off = "\ntest.skip('désactivé', () => { expect(somme([1])).toBe(0); });\ntest.todo('plus tard');\n";
    await setSpec({
      ...original,
      visibleTests: original.visibleTests + off,
      hiddenTests: original.hiddenTests + off.replace('désactivé', 'caché désactivé'),
    });
    try {
      const view = await t.app.inject({ url: `/api/exercises/${somme.id}`, headers: { cookie } });
      expect(view.json().spec.hiddenTestCount).toBe(3);

      const run = await t.app.inject({
        method: 'POST',
        url: `/api/exercises/${somme.id}/runs`,
        headers: { cookie },
        payload: { code: original.solution },
      });
      expect(run.json().result).toMatchObject({ status: 'pass', passed: 3, total: 3 });
      const listed = run.json().result.tests.map((x: { name: string; status: string }) => [x.name, x.status]);
      expect(listed.slice(3)).toEqual([
        ['désactivé', 'skipped'],
        ['plus tard', 'todo'],
      ]);

      const submitted = await submitAndWait(t.app, cookie, somme.id, { code: original.solution });
      expect(submitted).toMatchObject({ status: 'graded', score: somme.maxScore });
      expect(submitted.result).toMatchObject({ kind: 'code', status: 'pass', passed: 6, total: 6 });
      const hidden = submitted.result!.kind === 'code' ? submitted.result!.tests.filter((x) => x.hidden) : [];
      expect(hidden.filter((x) => x.status === 'skipped')).toEqual([
        { name: 'caché désactivé', status: 'skipped', hidden: true, durationMs: 0 },
      ]);
    } finally {
      await setSpec(original);
    }
  });
});

describe('feedback follows the reader language', () => {
  const english = { 'accept-language': 'en' };

  async function read(url: string, locale: 'fr' | 'en', as = cookie) {
    const response = await t.app.inject({ url, headers: { cookie: as, 'accept-language': locale } });
    expect(response.statusCode).toBe(200);
    return response.json();
  }

  /** Submits as a student whose language is English (the grading used to be written in it). */
  async function submitInEnglish(code: string) {
    const locale = (value: string, headers: Record<string, string> = {}) =>
      t.app.inject({
        method: 'PUT',
        url: '/api/me/locale',
        headers: { cookie, ...headers },
        payload: { locale: value },
      });
    await locale('en', english);
    try {
      return (await submitAndWait(t.app, cookie, somme.id, { code }, english)).id;
    } finally {
      await locale('fr');
    }
  }

  it('an assertion and a hidden test graded in English read in French, and back', async () => {
    const id = await submitInEnglish(spec(somme).starter);
    const fr = (await read(`/api/submissions/${id}`, 'fr')).result;
    const en = (await read(`/api/submissions/${id}`, 'en')).result;
    const first = (r: { tests: { name: string; message?: string }[] }) =>
      r.tests.find((x) => x.name.includes('additionne'))!.message;
    expect(first(fr)).toMatch(/Attendu : 6\nReçu : 3/);
    expect(first(en)).toMatch(/Expected: 6\nReceived: 3/);
    const hidden = (r: { tests: { hidden: boolean; status: string; message?: string }[] }) =>
      r.tests.filter((x) => x.hidden && x.status !== 'pass').map((x) => x.message);
    expect(hidden(fr).length).toBeGreaterThan(0);
    for (const m of hidden(fr)) expect(m).toMatch(/^Test caché échoué/);
    for (const m of hidden(en)) expect(m).toMatch(/^Hidden test failed/);

    const history = await read(`/api/exercises/${somme.id}/submissions`, 'fr');
    expect(first(history.submissions.find((x: { id: string }) => x.id === id).result)).toMatch(/Attendu : 6/);
  });

  it('a syntax error graded in English reads in French, also on the tutor learner page', async () => {
    const id = await submitInEnglish('export function somme(nombres) {\n  return (;\n}\n');
    const fr = (await read(`/api/submissions/${id}`, 'fr')).result;
    expect(fr).toMatchObject({
      status: 'error',
      message: expect.stringMatching(/^Erreur de syntaxe ligne 2/),
    });
    expect((await read(`/api/submissions/${id}`, 'en')).result.message).toMatch(/^Syntax error line 2/);

    const learner = (await read('/api/me', 'fr')).id as string;
    const tutor = await signIn(t.app, 'tuteur1@tremplin.test');
    const seen = await read(`/api/learners/${learner}/submissions/${id}`, 'fr', tutor);
    expect(seen.result.message).toMatch(/^Erreur de syntaxe/);
  });

  it('a Run read again follows the reader language, and only its learner reads it', async () => {
    const run = await t.app.inject({
      method: 'POST',
      url: `/api/exercises/${somme.id}/runs`,
      headers: { cookie, ...english },
      payload: { code: spec(somme).starter },
    });
    expect(run.statusCode).toBe(200);
    const first = (r: { tests: { name: string; message?: string }[] }) =>
      r.tests.find((x) => x.name.includes('additionne'))!.message;
    expect(first(run.json().result)).toMatch(/Expected: 6\nReceived: 3/);
    const id = run.json().id as string;
    expect(first((await read(`/api/runs/${id}`, 'fr')).result)).toMatch(/Attendu : 6\nReçu : 3/);
    expect(first((await read(`/api/runs/${id}`, 'en')).result)).toMatch(/Expected: 6\nReceived: 3/);
    const other = await signIn(t.app, 'etudiant2@tremplin.test');
    const denied = await t.app.inject({ url: `/api/runs/${id}`, headers: { cookie: other } });
    expect(denied.statusCode).toBe(404);
    expect(denied.json().code).toBe('TREMPLIN_ERR_NOT_FOUND');
  });

  it('stores the grader messages in no language', async () => {
    const id = await submitInEnglish(spec(somme).starter);
    const [row] = await t.database.db.select().from(schema.submissions).where(eq(schema.submissions.id, id));
    const stored = JSON.stringify(row!.results);
    expect(stored).not.toMatch(/Expected|Attendu|Hidden test|Test caché/);
    expect(stored).toContain('"key":"grading.hiddenFail"');
  });

  it('reads a code result stored before keys (plain strings) as it was', async () => {
    const id = await submitInEnglish(spec(somme).starter);
    const legacy = {
      kind: 'code',
      status: 'error',
      message: 'Time limit exceeded: grading took more than 5000 ms.',
      passed: 0,
      total: 1,
      tests: [
        { name: 'somme', status: 'fail', hidden: false, durationMs: 1, message: 'Expected: 6\nReceived: 3' },
        {
          name: 'cachée',
          status: 'fail',
          hidden: true,
          durationMs: 1,
          message: 'Hidden test failed: check.',
        },
      ],
    };
    await t.database.db
      .update(schema.submissions)
      .set({ results: legacy })
      .where(eq(schema.submissions.id, id));
    expect((await read(`/api/submissions/${id}`, 'fr')).result).toEqual(legacy);
  });
});

describe('bad input', () => {
  it('refuses code over the size limit, storing nothing', async () => {
    const before = await t.database.db.select().from(schema.submissions);
    const response = await t.app.inject({
      method: 'POST',
      url: `/api/exercises/${somme.id}/submissions`,
      headers: { cookie },
      payload: { idempotencyKey: 'too-large-0001', code: 'x'.repeat(70 * 1024) },
    });
    expect(response.statusCode).toBe(413);
    expect(response.json()).toMatchObject({ code: 'TREMPLIN_ERR_CODE_TOO_LARGE' });
    expect(response.json().message).toMatch(/Votre code est trop long/);
    expect(await t.database.db.select().from(schema.submissions)).toHaveLength(before.length);
  });

  it('refuses an answer to a code exercise', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: `/api/exercises/${somme.id}/submissions`,
      headers: { cookie, 'accept-language': 'en' },
      payload: { idempotencyKey: 'wrong-kind-0001', answer: { kind: 'choice', selected: ['a'] } },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({
      code: 'TREMPLIN_ERR_WRONG_EXERCISE_KIND',
      message: 'This exercise expects code, not an answer.',
    });
  });

  it('refuses a learner who is not enrolled in the module', async () => {
    const tutor = await signIn(t.app, 'tuteur1@tremplin.test');
    const response = await t.app.inject({ url: `/api/exercises/${somme.id}`, headers: { cookie: tutor } });
    expect(response.statusCode).toBe(403);
    expect(response.json().code).toBe('TREMPLIN_ERR_NOT_ENROLLED');
  });

  it("hides another learner's submission", async () => {
    const mine = await submitAndWait(t.app, cookie, somme.id, { code: spec(somme).solution });
    const other = await signIn(t.app, 'etudiant2@tremplin.test');
    const response = await t.app.inject({ url: `/api/submissions/${mine.id}`, headers: { cookie: other } });
    expect(response.statusCode).toBe(404);
  });
});

describe('the durable queue', () => {
  it('grades a submission whose worker died mid-grade, once its lease expires', async () => {
    await t.app.grading.worker!.stop();
    const response = await t.app.inject({
      method: 'POST',
      url: `/api/exercises/${somme.id}/submissions`,
      headers: { cookie },
      payload: { idempotencyKey: 'crash-mid-grade-01', code: spec(somme).solution },
    });
    expect(response.statusCode).toBe(202);
    const id = response.json().id as string;
    // A worker claims the job with a short lease, then "dies" without a word.
    const [claimed] = await claimGradingJobs(t.database.db, { workerId: 'doomed', limit: 1, leaseMs: 1 });
    expect(claimed?.submissionId).toBe(id);

    const graded = gradedEvent(t.app, id);
    t.app.grading.worker!.start();
    await graded;
    const submission = await t.app.inject({ url: `/api/submissions/${id}`, headers: { cookie } });
    expect(submission.json()).toMatchObject({ status: 'graded', score: somme.maxScore });

    // The dead worker coming back cannot overwrite the grade.
    const late = await completeGrading(t.database.db, {
      jobId: claimed!.id,
      workerId: 'doomed',
      submissionId: id,
      status: 'error',
      score: 0,
      results: null,
      now: new Date(),
    });
    expect(late).toBe(false);
    expect(await countPendingJobs(t.database.db)).toBe(0);
  });
});
