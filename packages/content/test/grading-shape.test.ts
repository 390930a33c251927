import type { Answer } from '@tremplin/contracts';
import { describe, expect, test } from 'vitest';
import { AnswerShapeError, gradeAnswer, toPublicSpec, type FullSpec } from '../src/index.ts';
import {
  choiceSpec,
  clozeSpec,
  codeSpec,
  matchingSpec,
  multipleSpec,
  orderingSpec,
  vocabularySpec,
} from './sample-module.ts';

/** The AnswerShapeError a grade throws (failing the test when it grades instead). */
function shapeError(spec: FullSpec, answer: unknown, locale: 'fr' | 'en' = 'fr'): AnswerShapeError {
  try {
    gradeAnswer(spec, answer as Answer, { locale });
  } catch (e) {
    expect(e).toBeInstanceOf(AnswerShapeError);
    return e as AnswerShapeError;
  }
  throw new Error('graded a wrong-shaped answer');
}

describe('wrong-shaped answers throw AnswerShapeError, in the locale', () => {
  test('an answer of another kind', () => {
    const fr = shapeError(clozeSpec(), { kind: 'choice', selected: [] });
    expect(fr.message).toBe(
      "Cette réponse ne correspond pas à l'exercice : réponse de type « choice », exercice de type « cloze ».",
    );
    expect(fr).toMatchObject({ code: 'TREMPLIN_ERR_VALIDATION', status: 400 });
    expect(shapeError(clozeSpec(), { kind: 'choice', selected: [] }, 'en').message).toBe(
      'This answer does not fit the exercise: a "choice" answer for a "cloze" exercise.',
    );
  });

  test('code and vocabulary exercises take no answer', () => {
    expect(shapeError(codeSpec(), { kind: 'writing', text: 'x' }).message).toContain('« code »');
    expect(shapeError(vocabularySpec(), { kind: 'choice', selected: [] }).message).toContain(
      '« vocabulary »',
    );
  });

  test('a malformed answer', () => {
    expect(shapeError(choiceSpec(), { kind: 'choice', selected: 'a' }).message).toBe(
      'La réponse est mal formée.',
    );
    expect(shapeError(choiceSpec(), null, 'en').message).toBe('The answer is malformed.');
  });

  test('choice: unknown or repeated options, several for a single choice', () => {
    expect(shapeError(choiceSpec(), { kind: 'choice', selected: ['z'] }).message).toBe(
      'Option inconnue : « z ».',
    );
    expect(shapeError(multipleSpec(), { kind: 'choice', selected: ['a', 'a'] }, 'en').message).toBe(
      'Option chosen twice: "a".',
    );
    expect(shapeError(choiceSpec(), { kind: 'choice', selected: ['a', 'b'] }).message).toBe(
      'Une seule réponse est attendue.',
    );
  });

  test('cloze: an unknown gap', () => {
    expect(shapeError(clozeSpec(), { kind: 'cloze', gaps: { g1: 'returns', g7: 'x' } }).message).toBe(
      'Trou inconnu : « g7 ».',
    );
  });

  test('ordering: unknown, repeated or missing items', () => {
    const view = toPublicSpec(orderingSpec(), { seed: 's' });
    const ids = view.kind === 'ordering' ? view.items.map((i) => i.id) : [];
    expect(shapeError(orderingSpec(), { kind: 'ordering', order: [...ids.slice(1), 'nope'] }).message).toBe(
      'Élément inconnu : « nope ».',
    );
    expect(
      shapeError(orderingSpec(), { kind: 'ordering', order: [ids[0], ...ids.slice(0, -1)] }).message,
    ).toMatch(/^Élément placé deux fois/);
    expect(shapeError(orderingSpec(), { kind: 'ordering', order: ids.slice(1) }, 'en').message).toBe(
      'The order must hold each of the 6 items once (5 received).',
    );
  });

  test('matching: unknown sides, a right item used twice', () => {
    const view = toPublicSpec(matchingSpec(), { seed: 's' });
    if (view.kind !== 'matching') throw new Error('not matching');
    const [l1, l2] = view.left.map((o) => o.id) as [string, string];
    const r1 = view.right[0]!.id;
    expect(shapeError(matchingSpec(), { kind: 'matching', pairs: { p1: r1 } }).message).toBe(
      'Élément de gauche inconnu : « p1 ».',
    );
    expect(shapeError(matchingSpec(), { kind: 'matching', pairs: { [l1]: 'r?' } }).message).toBe(
      'Élément de droite inconnu : « r? ».',
    );
    expect(
      shapeError(matchingSpec(), { kind: 'matching', pairs: { [l1]: r1, [l2]: r1 } }, 'en').message,
    ).toBe(`The right item "${r1}" is matched more than once.`);
  });
});
