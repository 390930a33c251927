// Each machine flag source from real grading (the grading worker over a real sandbox pool): a hidden
// test that hits the time limit while the visible ones pass, repeated errors, a correct submission
// pasted into an empty editor soon after opening, the English rubric's uncertain verdicts, and a
// disguised copy of another learner's code.
import { createGraderPool, type GraderPool } from '@tremplin/grader';
import { DEMO_WORK, findUserByEmail, schema } from '@tremplin/db';
import { changePublishedContent } from '@tremplin/db/test-support';
import { and, desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASTE_WITHIN_OPEN_MS } from '../src/grading/flag-sources.ts';
import { buildTestApp, demoExercise, signIn, submitAndWait, type TestApp } from './helper.ts';

let pool: GraderPool;
let t: TestApp;
let somme: Awaited<ReturnType<typeof demoExercise>>;

beforeAll(async () => {
  // A small per-test CPU limit keeps the timed-out hidden test cheap.
  pool = createGraderPool({ size: 1, defaultLimits: { cpuMsPerTest: 150 } });
  t = await buildTestApp({ grading: { pool } });
  await t.app.ready();
  somme = await demoExercise(t.database, 'somme');
}, 60_000);
afterAll(async () => {
  await t.close();
  await pool.close();
});

const codeSpec = (e: typeof somme) => {
  if (e.spec.kind !== 'code') throw new Error('not a code exercise');
  return e.spec;
};

const setSpec = (spec: ReturnType<typeof codeSpec>) =>
  changePublishedContent(t.database.db, (tx) =>
    tx.update(schema.exercises).set({ spec }).where(eq(schema.exercises.id, somme.id)),
  );

async function learner(n: number) {
  const email = `etudiant${n}@tremplin.test`;
  return { cookie: await signIn(t.app, email), id: (await findUserByEmail(t.database.db, email))!.id };
}

/** The flags of a learner's submissions to an exercise (any source), newest first. */
async function flagsOf(userId: string, exerciseId: string) {
  return t.database.db
    .select({
      id: schema.flags.id,
      submissionId: schema.flags.submissionId,
      source: schema.flags.source,
      status: schema.flags.status,
      details: schema.flags.details,
    })
    .from(schema.flags)
    .innerJoin(schema.submissions, eq(schema.submissions.id, schema.flags.submissionId))
    .where(and(eq(schema.submissions.userId, userId), eq(schema.submissions.exerciseId, exerciseId)))
    .orderBy(desc(schema.flags.createdAt));
}

describe('sandbox anomalies', () => {
  it('flags a hidden test that hits the time limit while every visible test passes, once while open', async () => {
    const original = codeSpec(somme);
    const slowHidden = "\ntest('caché interminable', () => { for (;;) {} });\n";
    await setSpec({ ...original, hiddenTests: original.hiddenTests + slowHidden });
    try {
      const me = await learner(7);
      const graded = await submitAndWait(t.app, me.cookie, somme.id, { code: original.solution });
      expect(graded.status).toBe('graded');
      expect(graded.result).toMatchObject({ kind: 'code', status: 'error' });
      const flags = await flagsOf(me.id, somme.id);
      expect(flags).toEqual([
        expect.objectContaining({
          submissionId: graded.id,
          source: 'sandbox',
          status: 'open',
          details: { kind: 'hidden-limit', tests: [{ name: 'caché interminable', status: 'timeout' }] },
        }),
      ]);

      // The same anomaly again while the first flag is open: no second flag.
      await submitAndWait(t.app, me.cookie, somme.id, { code: original.solution });
      expect((await flagsOf(me.id, somme.id)).filter((f) => f.source === 'sandbox')).toHaveLength(1);
    } finally {
      await setSpec(original);
    }
  });

  it('does not flag a plain failure of a hidden test', async () => {
    const me = await learner(8);
    // Fails on some input, but within the limits: an ordinary wrong answer.
    const wrong =
      'export function somme(nombres) { return nombres.length > 2 ? 0 : nombres.reduce((a, b) => a + b, 0); }';
    const graded = await submitAndWait(t.app, me.cookie, somme.id, { code: wrong });
    expect(graded.status).toBe('graded');
    expect(await flagsOf(me.id, somme.id)).toEqual([]);
  });

  it('flags three errors in a row on an exercise, once while the flag is open', async () => {
    const me = await learner(9);
    const broken = 'export function somme(nombres) { return nombres.reduce((a, b) => a + b, 0); ';
    const ids: string[] = [];
    for (let i = 0; i < 2; i++) {
      const graded = await submitAndWait(t.app, me.cookie, somme.id, { code: broken });
      expect(graded.result).toMatchObject({ kind: 'code', status: 'error' });
      ids.unshift(graded.id);
    }
    expect(await flagsOf(me.id, somme.id)).toEqual([]);
    const third = await submitAndWait(t.app, me.cookie, somme.id, { code: broken });
    ids.unshift(third.id);
    expect(await flagsOf(me.id, somme.id)).toEqual([
      expect.objectContaining({
        submissionId: third.id,
        source: 'sandbox',
        details: { kind: 'repeated-errors', count: 3, submissionIds: ids },
      }),
    ]);

    await submitAndWait(t.app, me.cookie, somme.id, { code: broken });
    expect(await flagsOf(me.id, somme.id)).toHaveLength(1);
  });

  it('does not flag errors broken by a graded attempt', async () => {
    const me = await learner(10);
    const broken = 'export function somme( {';
    await submitAndWait(t.app, me.cookie, somme.id, { code: broken });
    await submitAndWait(t.app, me.cookie, somme.id, { code: codeSpec(somme).starter });
    await submitAndWait(t.app, me.cookie, somme.id, { code: broken });
    await submitAndWait(t.app, me.cookie, somme.id, { code: broken });
    expect(await flagsOf(me.id, somme.id)).toEqual([]);
  });
});

describe('a correct submission pasted in', () => {
  // The reference solution, padded past the 100 characters a suspect paste needs.
  const pasted = () => `// ${'ma solution '.repeat(8)}\n${codeSpec(somme).solution}`;

  async function saveDraft(cookie: string, code: string, pastes: object[]) {
    const response = await t.app.inject({
      method: 'PUT',
      url: `/api/exercises/${somme.id}/draft`,
      headers: { cookie },
      payload: { code, pastes },
    });
    expect(response.statusCode).toBe(200);
  }

  it('records each paste as activity and flags the correct submission that followed one into an empty editor', async () => {
    const me = await learner(11);
    const code = pasted();
    const paste = { chars: code.length, intoEmpty: true, msSinceOpen: 30_000 };
    await saveDraft(me.cookie, code, [paste]);
    const activity = await t.database.db
      .select({ data: schema.activityLog.data, exerciseId: schema.activityLog.exerciseId })
      .from(schema.activityLog)
      .where(and(eq(schema.activityLog.userId, me.id), eq(schema.activityLog.kind, 'draft.paste')));
    expect(activity).toEqual([{ data: paste, exerciseId: somme.id }]);

    const graded = await submitAndWait(t.app, me.cookie, somme.id, { code });
    expect(graded.result).toMatchObject({ kind: 'code', status: 'pass' });
    expect(await flagsOf(me.id, somme.id)).toEqual([
      expect.objectContaining({
        submissionId: graded.id,
        source: 'paste',
        details: { chars: code.length, codeChars: code.length, msSinceOpen: 30_000 },
      }),
    ]);
  });

  it('leaves alone a late paste, a small one, one into a started editor, and a failing submission', async () => {
    const code = pasted();
    const cases: Array<{ n: number; paste: object; submitted: string }> = [
      {
        n: 12,
        paste: { chars: code.length, intoEmpty: true, msSinceOpen: PASTE_WITHIN_OPEN_MS + 1 },
        submitted: code,
      },
      {
        n: 13,
        paste: { chars: Math.floor(code.length * 0.7), intoEmpty: true, msSinceOpen: 1_000 },
        submitted: code,
      },
      { n: 14, paste: { chars: code.length, intoEmpty: false, msSinceOpen: 1_000 }, submitted: code },
      {
        n: 15,
        paste: { chars: 400, intoEmpty: true, msSinceOpen: 1_000 },
        submitted: codeSpec(somme).starter,
      },
    ];
    for (const { n, paste, submitted } of cases) {
      const me = await learner(n);
      await saveDraft(me.cookie, submitted, [paste]);
      await submitAndWait(t.app, me.cookie, somme.id, { code: submitted });
      expect(await flagsOf(me.id, somme.id), `learner ${n}`).toEqual([]);
    }
  });
});

describe('low-confidence English', () => {
  it('flags a writing whose automatic score is uncertain, with its verdicts', async () => {
    const me = await learner(16);
    const exercise = await demoExercise(t.database, 'ecrire-un-commit');
    const graded = await submitAndWait(t.app, me.cookie, exercise.id, {
      answer: { kind: 'writing', text: 'stuff' },
    });
    expect(graded.result).toMatchObject({ kind: 'answers', needsReview: true });
    const [flag, ...others] = await flagsOf(me.id, exercise.id);
    expect(others).toEqual([]);
    expect(flag).toMatchObject({ submissionId: graded.id, source: 'low_confidence', status: 'open' });
    const items = graded.result!.kind === 'answers' ? graded.result!.items : [];
    expect(flag!.details).toEqual({
      items: items.map((i) => ({
        id: i.id,
        status: i.status,
        ...(i.points !== undefined ? { points: i.points } : {}),
      })),
      score: graded.score,
      maxScore: graded.maxScore,
    });
  });

  it('leaves a confident verdict alone', async () => {
    const me = await learner(17);
    const exercise = await demoExercise(t.database, 'const-ou-let');
    const graded = await submitAndWait(t.app, me.cookie, exercise.id, {
      answer: { kind: 'choice', selected: [] },
    });
    expect(graded.result).toMatchObject({ kind: 'answers', needsReview: false });
    expect(await flagsOf(me.id, exercise.id)).toEqual([]);
  });
});

describe('similarity', () => {
  it('flags a disguised copy graded after its original, linking the pair, and not the original', async () => {
    const exercise = await demoExercise(t.database, 'serie-de-victoires');
    const work = (login: string) => {
      const entry = DEMO_WORK.find((w) => w.learner === login);
      if (!entry || !('code' in entry)) throw new Error(`no demo code for ${login}`);
      return entry.code;
    };
    const author = await learner(25);
    const copier = await learner(26);
    const original = await submitAndWait(t.app, author.cookie, exercise.id, { code: work('etudiant25') });
    expect(original).toMatchObject({ status: 'graded', score: original.maxScore });
    expect(await flagsOf(author.id, exercise.id)).toEqual([]);
    const copy = await submitAndWait(t.app, copier.cookie, exercise.id, { code: work('etudiant26') });
    expect(copy.status).toBe('graded');
    const [flag, ...others] = await flagsOf(copier.id, exercise.id);
    expect(others).toEqual([]);
    expect(flag).toMatchObject({ submissionId: copy.id, source: 'similarity', status: 'open' });
    const [stored] = await t.database.db.select().from(schema.flags).where(eq(schema.flags.id, flag!.id));
    expect(stored!.otherSubmissionId).toBe(original.id);
    expect(stored!.similarity).toBeGreaterThanOrEqual(0.65);
    expect((stored!.details as { regions: unknown[] }).regions.length).toBeGreaterThan(0);

    // A third learner's own solution (the exercise's idea, written their way) is not a copy.
    const other = await learner(30);
    const own = await submitAndWait(t.app, other.cookie, exercise.id, {
      code: [
        'export function plusLongueSerie(s) {',
        '  let best = 0;',
        '  let i = 0;',
        '  while (i < s.length) {',
        '    let j = i;',
        "    while (j < s.length && s[j] === 'V') j++;",
        '    best = Math.max(best, j - i);',
        '    i = j + 1;',
        '  }',
        '  return best;',
        '}',
        '',
      ].join('\n'),
    });
    expect(own).toMatchObject({ status: 'graded', score: own.maxScore });
    expect(await flagsOf(other.id, exercise.id)).toEqual([]);
  });
});
