import { loadDemoModules } from '@tremplin/content';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findUserByEmail } from '@tremplin/db';
import type { Actor } from '../src/modules/auth/auth.service.ts';
import { NEW_CARDS_PER_DAY, VocabularyService } from '../src/modules/vocabulary/vocabulary.service.ts';
import { buildTestApp, demoExercise, signIn, submitAndWait, type TestApp } from './helper.ts';

let t: TestApp;
let cookie: string;

beforeAll(async () => {
  t = await buildTestApp();
  await t.app.ready();
  cookie = await signIn(t.app, 'etudiant5@tremplin.test');
});
afterAll(() => t.close());

const get = (url: string, who = cookie) => t.app.inject({ url, headers: { cookie: who } });

describe('modules and lessons', () => {
  it('lists the three enrolled modules with their progress and next exercise', async () => {
    const response = await get('/api/modules');
    expect(response.statusCode).toBe(200);
    const modules = response.json().modules as Array<{
      slug: string;
      discipline: string;
      progress: { exercisesDone: number; exercisesTotal: number };
      nextExercise: unknown;
    }>;
    expect(modules.map((m) => m.discipline)).toEqual(['programming', 'ai', 'english']);
    for (const m of modules) {
      expect(m.progress.exercisesDone).toBe(0);
      expect(m.progress.exercisesTotal).toBeGreaterThan(0);
      expect(m.nextExercise).not.toBeNull();
    }
  });

  it('gives a module its lessons and exercises in order, and 404 for one not followed', async () => {
    const response = await get('/api/modules/programmation-js');
    expect(response.statusCode).toBe(200);
    // The module's own order: its lessons, and its exercises as module.json lists them.
    const programming = (await loadDemoModules()).find((m) => m.slug === 'programmation-js')!;
    expect(response.json().lessons.map((l: { title: string }) => l.title)).toEqual(
      programming.lessons.map((l) => l.title),
    );
    const slugs = response.json().exercises.map((e: { slug: string }) => e.slug);
    expect(slugs).toEqual(programming.exercises.map((e) => e.slug));
    expect(slugs.slice(0, 2)).toEqual(['const-ou-let', 'somme']);
    expect(slugs.length).toBeGreaterThanOrEqual(30);
    expect((await get('/api/modules/inconnu')).statusCode).toBe(404);
    expect(
      (await get('/api/modules/programmation-js', await signIn(t.app, 'auteur@tremplin.test'))).statusCode,
    ).toBe(404);
  });

  it('reads a lesson with its neighbours and marks it read once', async () => {
    const module = (await get('/api/modules/programmation-js')).json();
    const first = module.lessons[0].id as string;
    const lesson = await get(`/api/lessons/${first}`);
    expect(lesson.statusCode).toBe(200);
    expect(lesson.json()).toMatchObject({ read: false, previous: null, moduleSlug: 'programmation-js' });
    expect(lesson.json().bodyMd.length).toBeGreaterThan(100);
    expect(lesson.json().next).toMatchObject({ type: 'exercise' });
    for (let i = 0; i < 2; i++) {
      const read = await t.app.inject({
        method: 'POST',
        url: `/api/lessons/${first}/read`,
        headers: { cookie },
      });
      expect(read.statusCode).toBe(204);
    }
    expect((await get(`/api/lessons/${first}`)).json().read).toBe(true);
    const progress = (await get('/api/me/progress')).json();
    expect(progress.modules[0].progress.lessonsRead).toBe(1);
    expect(progress.activity).toHaveLength(56);
    expect(progress.activity.at(-1).count).toBe(1);
  });
});

describe('progress', () => {
  it('counts each exercise once, at its best score, with every attempt', async () => {
    const exercise = await demoExercise(t.database, 'const-ou-let');
    if (exercise.spec.kind !== 'choice') throw new Error('choice expected');
    const right = exercise.spec.options.filter((o) => o.correct).map((o) => o.id);
    const wrong = exercise.spec.options
      .filter((o) => !o.correct)
      .map((o) => o.id)
      .slice(0, 1);
    await submitAndWait(t.app, cookie, exercise.id, { answer: { kind: 'choice', selected: wrong } });
    await submitAndWait(t.app, cookie, exercise.id, { answer: { kind: 'choice', selected: right } });
    await submitAndWait(t.app, cookie, exercise.id, { answer: { kind: 'choice', selected: right } });
    const progress = (await get('/api/me/progress')).json();
    const row = progress.exercises.find((e: { id: string }) => e.id === exercise.id);
    expect(row).toMatchObject({ bestScore: exercise.maxScore, attempts: 3 });
    const module = progress.modules.find((m: { slug: string }) => m.slug === 'programmation-js');
    expect(module.progress).toMatchObject({ exercisesDone: 1, score: exercise.maxScore });
    expect(progress.recent).toHaveLength(3);
    const modules = (await get('/api/modules')).json().modules;
    expect(modules[0].nextExercise.title).not.toBe(row.title);
    // The home's summary: the same feedback and vocabulary due, without the table and the activity.
    const home = (await get('/api/me/home')).json();
    expect(home).toEqual({ recent: progress.recent, vocabularyDue: progress.vocabularyDue });
    expect(home.recent[0]).toMatchObject({ exerciseId: exercise.id, score: exercise.maxScore });
  });
});

describe('vocabulary review', () => {
  it('schedules a card later when it is easy than when it is forgotten', async () => {
    const queue = (await get('/api/vocabulary/queue')).json();
    expect(queue.dueCount).toBeGreaterThanOrEqual(8);
    expect(queue.cards[0]).toMatchObject({ isNew: true });
    expect(queue.cards[0].card.gloss.length).toBeGreaterThan(0);
    const review = (cardKey: string, rating: number) =>
      t.app.inject({
        method: 'POST',
        url: '/api/vocabulary/reviews',
        headers: { cookie },
        payload: { cardKey, rating },
      });
    const again = (await review(queue.cards[0].cardKey, 1)).json();
    const easy = (await review(queue.cards[1].cardKey, 4)).json();
    expect(new Date(easy.nextDue).getTime()).toBeGreaterThan(new Date(again.nextDue).getTime());
    expect(easy.dueCount).toBeLessThan(queue.dueCount);
    expect((await review('unknown:card', 3)).statusCode).toBe(404);
    expect((await review(queue.cards[2].cardKey, 5)).statusCode).toBe(400);
  });
});

describe('the glossary', () => {
  it("gives the terms of the learner's decks with their French gloss, each once", async () => {
    const response = await get('/api/me/glossary');
    expect(response.statusCode).toBe(200);
    const terms = response.json().terms as Array<{ term: string; gloss: string }>;
    expect(terms).toContainEqual({ term: 'stack trace', gloss: "pile d'appels, trace de la pile" });
    expect(new Set(terms.map((x) => x.term)).size).toBe(terms.length);
    // Every card of the queue's decks is there.
    const queue = (await get('/api/vocabulary/queue')).json();
    for (const { card } of queue.cards as Array<{ card: { term: string } }>)
      expect(terms.map((x) => x.term)).toContain(card.term);
  });

  it('is empty for someone who follows no module', async () => {
    const coordination = await signIn(t.app, 'coordination@tremplin.test');
    expect((await get('/api/me/glossary', coordination)).json()).toEqual({ terms: [] });
  });
});

describe('new vocabulary cards, a few a day', () => {
  it(`offers at most ${NEW_CARDS_PER_DAY} new cards a day, counts those seen today, and more the next day`, async () => {
    const learner = await signIn(t.app, 'etudiant7@tremplin.test');
    const queue = async () =>
      (await get('/api/vocabulary/queue', learner)).json() as {
        cards: { cardKey: string; isNew: boolean }[];
      };
    const first = await queue();
    expect(first.cards).toHaveLength(NEW_CARDS_PER_DAY);
    expect(first.cards.every((c) => c.isNew)).toBe(true);
    for (const card of first.cards.slice(0, 3)) {
      const reviewed = await t.app.inject({
        method: 'POST',
        url: '/api/vocabulary/reviews',
        headers: { cookie: learner },
        payload: { cardKey: card.cardKey, rating: 3 },
      });
      expect(reviewed.statusCode).toBe(200);
    }
    const later = await queue();
    expect(later.cards).toHaveLength(NEW_CARDS_PER_DAY - 3);
    expect(later.cards.map((c) => c.cardKey)).toEqual(first.cards.slice(3).map((c) => c.cardKey));

    const user = await findUserByEmail(t.database.db, 'etudiant7@tremplin.test');
    const tomorrow = new Date(Date.now() + 24 * 3600 * 1000);
    const next = await new VocabularyService(t.database.db).queue(
      { user: user! } as unknown as Actor,
      tomorrow,
    );
    expect(next.cards.filter((c) => c.isNew)).toHaveLength(NEW_CARDS_PER_DAY);
  });
});

describe('help', () => {
  it("sends a help request to the learner's group", async () => {
    const exercise = await demoExercise(t.database, 'somme');
    const response = await t.app.inject({
      method: 'POST',
      url: `/api/exercises/${exercise.id}/help-requests`,
      headers: { cookie },
      payload: { message: 'Je ne comprends pas le test 2' },
    });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({
      status: 'open',
      exerciseId: exercise.id,
      message: 'Je ne comprends pas le test 2',
    });
  });
});
