// The authors' studio, end to end through the API: a module created, written (a stale save refused),
// validated (problems with their paths, sandbox included), previewed with a Run, sent for review,
// refused for publication without a note or while invalid, published, a new draft, the diff, an export
// and its re-import (same content hash), and archiving. Then, on a demo module, a new version keeps a
// learner's progress and flags only the exercise whose tests changed. PGlite, or PostgreSQL with
// DATABASE_URL.
import { contentHash, type ModuleDefinition } from '@tremplin/content';
import { schema } from '@tremplin/db';
import { eq, inArray } from 'drizzle-orm';
import { strToU8, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { correctAnswer } from './answers.ts';
import { buildTestApp, demoExercise, signIn, submitAndWait, type TestApp } from './helper.ts';

let t: TestApp;
let author = '';
let coordinator = '';
let student = '';

beforeAll(async () => {
  t = await buildTestApp();
  author = await signIn(t.app, 'auteur@tremplin.test');
  coordinator = await signIn(t.app, 'coordination@tremplin.test');
  student = await signIn(t.app, 'etudiant1@tremplin.test');
});
afterAll(() => t.close());

type Method = 'GET' | 'POST' | 'PUT';
async function call(method: Method, url: string, payload?: unknown, cookie = author, locale = 'fr') {
  return t.app.inject({
    method,
    url,
    headers: { cookie, 'accept-language': locale },
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
}

const SOLUTION = 'export function somme(a, b) {\n  return a + b;\n}\n';
const STARTER = 'export function somme(a, b) {\n  return 0;\n}\n';

function definition(): ModuleDefinition {
  return {
    slug: 'essai-studio',
    discipline: 'programming',
    title: 'Essai du studio',
    summary: 'Un module écrit dans le studio.',
    en: { title: 'Studio trial', summary: 'A module written in the studio.' },
    lessons: [
      {
        slug: 'bases',
        title: 'Les bases',
        body: '# Les bases\n\nUne fonction prend des valeurs et en rend une.\n',
        en: { title: 'The basics' },
      },
    ],
    exercises: [
      {
        slug: 'somme',
        title: 'Somme de deux nombres',
        lesson: 'bases',
        kind: 'code',
        prompt: 'Écrivez `somme(a, b)`.',
        en: { title: 'Sum of two numbers' },
        hints: ['Pensez à l’opérateur `+`.'],
        maxScore: 1,
        spec: {
          kind: 'code',
          language: 'javascript',
          starter: STARTER,
          solution: SOLUTION,
          visibleTests:
            "import { somme } from './somme';\ntest('2 + 3', () => {\n  expect(somme(2, 3)).toBe(5);\n});\n",
          hiddenTests:
            "import { somme } from './somme';\ntest('négatifs', () => {\n  expect(somme(-2, -3)).toBe(-5);\n});\n",
        },
      },
      {
        slug: 'operateur',
        title: 'Quel opérateur ?',
        lesson: 'bases',
        kind: 'choice',
        prompt: 'Quel opérateur additionne deux nombres ?',
        en: { title: 'Which operator?' },
        hints: [],
        maxScore: 1,
        spec: {
          kind: 'choice',
          multiple: false,
          options: [
            { id: 'plus', text: '`+`', correct: true },
            { id: 'fois', text: '`*`', correct: false },
          ],
        },
      },
    ],
  };
}

describe('the studio, from a new module to its archived first version', () => {
  let revision = 0;

  it('creates a module with a draft v1, once', async () => {
    const body = { slug: 'essai-studio', discipline: 'programming', title: 'Essai', titleEn: 'Trial' };
    const created = await call('POST', '/api/studio/modules', body);
    expect(created.statusCode).toBe(201);
    expect(created.json().draft).toMatchObject({ version: 1, status: 'draft', revision: 1 });
    expect(created.json().draft.content).toMatchObject({ slug: 'essai-studio', en: { title: 'Trial' } });
    revision = created.json().draft.revision;
    const again = await call('POST', '/api/studio/modules', body);
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('TREMPLIN_ERR_MODULE_EXISTS');
    const list = await call('GET', '/api/studio/modules');
    expect(list.json().modules.find((m: { slug: string }) => m.slug === 'essai-studio')).toMatchObject({
      status: 'draft',
      draft: { version: 1, revision: 1, updatedBy: 'Ayélé Johnson' },
    });
  });

  it('saves a half-written draft, and refuses a stale revision naming who saved', async () => {
    const def = definition();
    // Invalid on purpose: no correct option, and a starter that already passes.
    def.exercises[1]!.spec = {
      kind: 'choice',
      multiple: false,
      options: [{ id: 'plus', text: '+', correct: false }],
    };
    (def.exercises[0]!.spec as { starter: string }).starter = SOLUTION;
    const saved = await call('PUT', '/api/studio/modules/essai-studio/draft', { revision, content: def });
    expect(saved.statusCode).toBe(200);
    expect(saved.json().revision).toBe(revision + 1);
    const stale = await call(
      'PUT',
      '/api/studio/modules/essai-studio/draft',
      { revision, content: def },
      coordinator,
      'en',
    );
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('TREMPLIN_ERR_STALE_DRAFT');
    expect(stale.json().message).toContain('Ayélé Johnson');
    revision = saved.json().revision;
    const renamed = await call('PUT', '/api/studio/modules/essai-studio/draft', {
      revision,
      content: { ...def, slug: 'autre' },
    });
    expect(renamed.statusCode).toBe(400);
    expect(renamed.json().code).toBe('TREMPLIN_ERR_DRAFT_SHAPE');
  });

  it('validates with every problem and its path, sandbox included', async () => {
    const response = await call(
      'POST',
      '/api/studio/modules/essai-studio/draft/validate',
      undefined,
      author,
      'en',
    );
    expect(response.statusCode).toBe(200);
    const paths = (response.json().problems as Array<{ path: string }>).map((p) => p.path);
    expect(paths).toContain('exercises[1].spec.options');
    expect(paths).toContain('exercises[0].spec.starter');
  });

  it('previews an exercise as a student sees it, and runs code against the draft', async () => {
    const preview = await call('GET', '/api/studio/modules/essai-studio/draft/exercises/somme/preview');
    expect(preview.statusCode, preview.body).toBe(200);
    expect(preview.json()).toMatchObject({ kind: 'code', spec: { kind: 'code', hiddenTestCount: 1 } });
    expect(preview.body).not.toContain('négatifs');
    const run = await call('POST', '/api/studio/modules/essai-studio/draft/exercises/somme/run', {
      code: SOLUTION,
    });
    expect(run.statusCode).toBe(200);
    expect(run.json().result).toMatchObject({ kind: 'code', status: 'pass', passed: 1, total: 1 });
    const wrong = await call('POST', '/api/studio/modules/essai-studio/draft/exercises/somme/run', {
      code: STARTER,
    });
    expect(wrong.json().result).toMatchObject({ status: 'fail' });
  });

  it('sends the draft for review, and refuses to publish it without a note or while invalid', async () => {
    const submitted = await call('POST', '/api/studio/modules/essai-studio/draft/submit', {
      note: 'À relire',
    });
    expect(submitted.json()).toEqual({ version: 1, status: 'in_review', contentHash: null });
    const saveInReview = await call('PUT', '/api/studio/modules/essai-studio/draft', {
      revision,
      content: definition(),
    });
    expect(saveInReview.statusCode).toBe(409);
    expect(saveInReview.json().code).toBe('TREMPLIN_ERR_WRONG_STATUS');
    const noNote = await call(
      'POST',
      '/api/studio/modules/essai-studio/draft/publish',
      { note: '  ' },
      coordinator,
    );
    expect(noNote.statusCode).toBe(400);
    expect(noNote.json().code).toBe('TREMPLIN_ERR_CHANGE_NOTE_REQUIRED');
    const invalid = await call(
      'POST',
      '/api/studio/modules/essai-studio/draft/publish',
      { note: 'v1' },
      coordinator,
    );
    expect(invalid.statusCode).toBe(422);
    expect(invalid.json().code).toBe('TREMPLIN_ERR_INVALID_DRAFT');
    expect(invalid.json().problems.length).toBeGreaterThanOrEqual(2);
  });

  it('publishes once returned, fixed and reviewed: content hash, lessons and exercises rows, events', async () => {
    expect(
      (await call('POST', '/api/studio/modules/essai-studio/draft/return', {}, coordinator)).json().status,
    ).toBe('draft');
    const saved = await call('PUT', '/api/studio/modules/essai-studio/draft', {
      revision,
      content: definition(),
    });
    expect(saved.statusCode).toBe(200);
    revision = saved.json().revision;
    expect((await call('POST', '/api/studio/modules/essai-studio/draft/submit', {})).statusCode).toBe(200);
    const published = await call(
      'POST',
      '/api/studio/modules/essai-studio/draft/publish',
      { note: 'Première version' },
      coordinator,
    );
    expect(published.statusCode).toBe(200);
    expect(published.json()).toEqual({
      version: 1,
      status: 'published',
      contentHash: contentHash(definition()),
    });
    const module = await call('GET', '/api/studio/modules/essai-studio');
    expect(module.json().draft).toBeUndefined();
    expect(module.json().events.map((e: { toStatus: string }) => e.toStatus)).toEqual([
      'draft',
      'in_review',
      'draft',
      'in_review',
      'published',
    ]);
    expect(module.json().events.at(-1)).toMatchObject({
      note: 'Première version',
      actorName: 'Essi Adzogble',
    });
    const rows = await t.database.db
      .select({
        slug: schema.exercises.slug,
        hash: schema.exercises.contentHash,
        hints: schema.exercises.hints,
      })
      .from(schema.exercises)
      .innerJoin(schema.moduleVersions, eq(schema.moduleVersions.id, schema.exercises.moduleVersionId))
      .innerJoin(schema.modules, eq(schema.modules.id, schema.moduleVersions.moduleId))
      .where(eq(schema.modules.slug, 'essai-studio'));
    expect(rows.map((r) => r.slug).sort()).toEqual(['operateur', 'somme']);
    expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.hash ?? ''))).toBe(true);
  });

  it('opens a new draft (one at a time) and shows what changed between versions', async () => {
    const opened = await call('POST', '/api/studio/modules/essai-studio/drafts');
    expect(opened.statusCode).toBe(201);
    expect(opened.json().draft).toMatchObject({ version: 2, status: 'draft', revision: 1 });
    const twice = await call('POST', '/api/studio/modules/essai-studio/drafts');
    expect(twice.statusCode).toBe(409);
    expect(twice.json().code).toBe('TREMPLIN_ERR_DRAFT_EXISTS');
    const def = definition();
    def.exercises[0]!.title = 'Somme';
    (def.exercises[0]!.spec as { hiddenTests: string }).hiddenTests +=
      "test('zéro', () => {\n  expect(somme(0, 0)).toBe(0);\n});\n";
    const saved = await call('PUT', '/api/studio/modules/essai-studio/draft', { revision: 1, content: def });
    expect(saved.statusCode).toBe(200);
    const diff = await call('GET', '/api/studio/modules/essai-studio/diff?from=1&to=2');
    expect(diff.statusCode).toBe(200);
    const changes = diff.json().changes as Array<{
      path: string;
      kind: string;
      lines?: Array<{ kind: string; text: string }>;
    }>;
    expect(changes.map((c) => c.path).sort()).toEqual([
      'exercises[somme].spec.hiddenTests',
      'exercises[somme].title',
    ]);
    const tests = changes.find((c) => c.path.endsWith('hiddenTests'))!;
    expect(tests.kind).toBe('changed');
    expect(tests.lines).toContainEqual({ kind: 'added', text: "test('zéro', () => {" });
  });

  it('exports a version as a zip that imports back to the same content hash', async () => {
    const exported = await call('GET', '/api/studio/modules/essai-studio/versions/1/export.zip');
    expect(exported.statusCode).toBe(200);
    expect(exported.headers['content-type']).toBe('application/zip');
    const imported = await t.app.inject({
      method: 'POST',
      url: '/api/studio/import',
      headers: { cookie: author, 'content-type': 'application/zip' },
      payload: exported.rawPayload,
    });
    expect(imported.statusCode).toBe(200);
    expect(imported.json()).toMatchObject({ slug: 'essai-studio', version: 2, created: false, problems: [] });
    const draft = await call('GET', '/api/studio/modules/essai-studio/versions/2');
    expect(contentHash(draft.json().content)).toBe(contentHash(definition()));
    // The same archive in JSON, as base64, creates nothing new: it replaces the draft again.
    const asJson = await call('POST', '/api/studio/import', {
      zipBase64: exported.rawPayload.toString('base64'),
    });
    expect(asJson.statusCode).toBe(200);
    expect(asJson.json().revision).toBe(imported.json().revision + 1);
  });

  it('refuses archives it cannot read, and says Exercism folders are not supported here yet', async () => {
    const garbage = await call('POST', '/api/studio/import', {
      zipBase64: Buffer.from('not a zip').toString('base64'),
    });
    expect(garbage.statusCode).toBe(400);
    expect(garbage.json().code).toBe('TREMPLIN_ERR_IMPORT_INVALID');
    const exercism = zipSync({
      'two-fer/.docs/instructions.md': strToU8('# Two fer'),
      'two-fer/.meta/config.json': strToU8('{}'),
      'two-fer/two-fer.js': strToU8('export const twoFer = () => {};'),
    });
    const refused = await t.app.inject({
      method: 'POST',
      url: '/api/studio/import',
      headers: { cookie: author, 'content-type': 'application/zip' },
      payload: Buffer.from(exercism),
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().code).toBe('TREMPLIN_ERR_IMPORT_UNSUPPORTED');
  });

  it('archives a published version, once', async () => {
    const archived = await call(
      'POST',
      '/api/studio/modules/essai-studio/versions/1/archive',
      {},
      coordinator,
    );
    expect(archived.statusCode).toBe(200);
    expect(archived.json()).toMatchObject({ version: 1, status: 'archived' });
    const again = await call('POST', '/api/studio/modules/essai-studio/versions/1/archive', {}, coordinator);
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('TREMPLIN_ERR_WRONG_STATUS');
  });

  it('takes a few MB on the import route only', async () => {
    const big = 'x'.repeat(2 * 1024 * 1024);
    const save = await call('PUT', '/api/studio/modules/essai-studio/draft', {
      revision: 1,
      content: { ...definition(), summary: big },
    });
    expect(save.statusCode).toBe(413);
    const imported = await call('POST', '/api/studio/import', {
      zipBase64: Buffer.from(big).toString('base64'),
    });
    expect(imported.statusCode).toBe(400);
    expect(imported.json().code).toBe('TREMPLIN_ERR_IMPORT_INVALID');
    const tooBig = await call('POST', '/api/studio/import', { zipBase64: 'A'.repeat(9 * 1024 * 1024) });
    expect(tooBig.statusCode).toBe(413);
    expect(tooBig.json().message).toContain(String(8 * 1024 * 1024));
  });

  it('is closed to learners', async () => {
    expect((await call('GET', '/api/studio/modules', undefined, student)).statusCode).toBe(403);
  });
});

describe('a new version of a module keeps the learners’ progress', () => {
  it('keeps solved exercises solved, flags only those whose tests changed, and leaves submissions on v1', async () => {
    const somme = await demoExercise(t.database, 'somme');
    const choice = await demoExercise(t.database, 'const-ou-let');
    if (somme.spec.kind !== 'code') throw new Error('somme is a code exercise');
    const solvedCode = await submitAndWait(t.app, student, somme.id, { code: somme.spec.solution });
    expect(solvedCode.score).toBe(somme.maxScore);
    const view = await call('GET', `/api/exercises/${choice.id}`, undefined, student);
    const solvedChoice = await submitAndWait(t.app, student, choice.id, {
      answer: correctAnswer(choice.spec, view.json().spec),
    });
    expect(solvedChoice.score).toBe(choice.maxScore);

    // Version 2: somme gains a hidden test, const-ou-let only a new title.
    const opened = await call('POST', '/api/studio/modules/programmation-js/drafts');
    expect(opened.statusCode).toBe(201);
    const def = opened.json().draft.content as ModuleDefinition;
    const sommeDef = def.exercises.find((e) => e.slug === 'somme')!;
    const spec = sommeDef.spec as { hiddenTests: string };
    spec.hiddenTests += "\ntest('somme de zéros', () => {\n  expect(somme([0, 0, 0])).toBe(0);\n});\n";
    def.exercises.find((e) => e.slug === 'const-ou-let')!.title = 'const, ou bien let ?';
    const saved = await call('PUT', '/api/studio/modules/programmation-js/draft', {
      revision: 1,
      content: def,
    });
    expect(saved.statusCode).toBe(200);
    expect((await call('POST', '/api/studio/modules/programmation-js/draft/submit', {})).statusCode).toBe(
      200,
    );
    const published = await call(
      'POST',
      '/api/studio/modules/programmation-js/draft/publish',
      { note: 'Un test de plus pour somme' },
      coordinator,
    );
    expect(published.statusCode, published.body).toBe(200);
    expect(published.json().version).toBe(2);

    const module = await call('GET', '/api/modules/programmation-js', undefined, student);
    expect(module.json().version).toBe(2);
    const byslug = new Map(
      (
        module.json().exercises as Array<{
          slug: string;
          id: string;
          bestScore: number | null;
          changedSinceSolved?: boolean;
        }>
      ).map((e) => [e.slug, e]),
    );
    expect(byslug.get('somme')).toMatchObject({ bestScore: somme.maxScore, changedSinceSolved: true });
    expect(byslug.get('somme')!.id).not.toBe(somme.id);
    expect(byslug.get('const-ou-let')).toMatchObject({
      bestScore: choice.maxScore,
      title: 'const, ou bien let ?',
    });
    expect(byslug.get('const-ou-let')!.changedSinceSolved).toBeUndefined();
    expect(module.json().progress.exercisesDone).toBeGreaterThanOrEqual(2);

    const exercise = await call('GET', `/api/exercises/${byslug.get('somme')!.id}`, undefined, student);
    expect(exercise.json()).toMatchObject({ changedSinceSolved: true, bestScore: somme.maxScore });
    expect(Array.isArray(exercise.json().hints)).toBe(true);

    // What the learner answered stays attached to the rows of version 1.
    const submissions = await t.database.db
      .select({ exerciseId: schema.submissions.exerciseId })
      .from(schema.submissions)
      .where(inArray(schema.submissions.id, [solvedCode.id, solvedChoice.id]));
    expect(submissions.map((s) => s.exerciseId).sort()).toEqual([somme.id, choice.id].sort());
  });

  it('keeps vocabulary reviews across versions (card keys name slugs, not rows)', async () => {
    const before = await call('GET', '/api/vocabulary/queue', undefined, student);
    const card = before.json().cards[0] as { cardKey: string; isNew: boolean };
    expect(card.cardKey).toMatch(/^anglais-technique:[a-z0-9-]+:[A-Za-z0-9_-]+$/);
    const reviewed = await call(
      'POST',
      '/api/vocabulary/reviews',
      { cardKey: card.cardKey, rating: 3 },
      student,
    );
    expect(reviewed.statusCode).toBe(200);

    const opened = await call('POST', '/api/studio/modules/anglais-technique/drafts');
    const def = opened.json().draft.content as ModuleDefinition;
    def.summary += ' Nouvelle version.';
    await call('PUT', '/api/studio/modules/anglais-technique/draft', { revision: 1, content: def });
    await call('POST', '/api/studio/modules/anglais-technique/draft/submit', {});
    const published = await call(
      'POST',
      '/api/studio/modules/anglais-technique/draft/publish',
      { note: 'Résumé complété' },
      coordinator,
    );
    expect(published.statusCode, published.body).toBe(200);

    const after = await call('GET', '/api/vocabulary/queue', undefined, student);
    const keys = (after.json().cards as Array<{ cardKey: string }>).map((c) => c.cardKey);
    // Reviewed "good" today, the card is not due again yet, nor offered as new.
    expect(keys).not.toContain(card.cardKey);
    expect(after.json().cards.length).toBe(before.json().cards.length - 1);
  });

  it('answers English titles to a reader of English', async () => {
    const module = await call('GET', '/api/modules/programmation-js', undefined, student, 'en');
    expect(module.json().title).toBe('First steps in JavaScript and TypeScript');
    const somme = (module.json().exercises as Array<{ slug: string; id: string; title: string }>).find(
      (e) => e.slug === 'somme',
    )!;
    const exercise = await call('GET', `/api/exercises/${somme.id}`, undefined, student, 'en');
    expect(exercise.json().moduleTitle).toBe('First steps in JavaScript and TypeScript');
  });
});
