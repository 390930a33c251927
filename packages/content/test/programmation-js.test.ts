// What the programme asks of its programming module (issue 12): the topics as lessons, at least 24 graded
// code exercises of rising difficulty, a third of them in TypeScript, each with hints, points and an
// estimated time. The grader's checks of every exercise are in demo-grader.test.ts.
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { DEMO_MODULES_DIR, loadModule, type ExerciseDefinition } from '../src/index.ts';

const mod = await loadModule(path.join(DEMO_MODULES_DIR, 'programmation-js'));
const code = mod.exercises.filter((e) => e.spec.kind === 'code');
const language = (e: ExerciseDefinition) => (e.spec.kind === 'code' ? e.spec.language : undefined);

describe('the programming module', () => {
  test('has its title in French and English', () => {
    expect(mod.title).toBe('Programmation JavaScript et TypeScript');
    expect(mod.en.title).toBe('Programming in JavaScript and TypeScript');
  });

  test('covers the programme’s topics, each lesson after its prerequisites and with a time', () => {
    expect(mod.lessons.map((l) => l.slug)).toEqual(
      expect.arrayContaining([
        'valeurs-et-types',
        'conditions-et-boucles',
        'boucles',
        'fonctions',
        'tableaux',
        'objets',
        'chaines',
        'erreurs',
        'modules',
        'asynchrone',
        'projet-portefeuille',
      ]),
    );
    for (const lesson of mod.lessons) {
      expect(lesson.estimatedMinutes, lesson.slug).toBeGreaterThan(0);
      expect(lesson.en.title, lesson.slug).not.toBe('');
    }
    expect(mod.lessons.filter((l) => (l.prerequisites ?? []).length === 0)).toHaveLength(1);
  });

  test('has at least 24 code exercises, a third of them in TypeScript', () => {
    expect(code.length).toBeGreaterThanOrEqual(24);
    expect(code.filter((e) => language(e) === 'typescript').length * 3).toBeGreaterThanOrEqual(code.length);
  });

  test('every exercise belongs to a lesson and has hints, points and an estimated time', () => {
    for (const e of mod.exercises) {
      expect(e.lesson, e.slug).toBeDefined();
      expect(e.hints.length, e.slug).toBeGreaterThanOrEqual(1);
      expect(e.hints.length, e.slug).toBeLessThanOrEqual(3);
      expect(e.estimatedMinutes, e.slug).toBeGreaterThan(0);
    }
  });

  test('points rise with difficulty: from 1 point at the start to the most at the end of the project', () => {
    const points = code.map((e) => e.maxScore);
    expect(points[0]).toBe(1);
    expect(Math.max(...points)).toBe(points.at(-1));
    // Within each lesson, an exercise is never worth less than the one before it.
    for (const lesson of mod.lessons) {
      const own = code.filter((e) => e.lesson === lesson.slug).map((e) => e.maxScore);
      expect(own, lesson.slug).toEqual([...own].sort((a, b) => a - b));
    }
  });

  test('the project is split into three parts in TypeScript', () => {
    const project = code.filter((e) => e.lesson === 'projet-portefeuille');
    expect(project.map((e) => e.slug)).toEqual([
      'portefeuille-operations',
      'portefeuille-releve',
      'portefeuille-envoi',
    ]);
    expect(project.every((e) => language(e) === 'typescript')).toBe(true);
  });

  test('tests of asynchronous code never wait for real time: they use fake timers', () => {
    for (const e of code) {
      if (e.spec.kind !== 'code') continue;
      for (const tests of [e.spec.visibleTests, e.spec.hiddenTests]) {
        if (/setTimeout|setInterval|advanceTimers/.test(tests))
          expect(tests, e.slug).toMatch(/useFakeTimers/);
        expect(tests, e.slug).not.toMatch(/Math\.random|new Date\(\)/);
      }
    }
  });
});
