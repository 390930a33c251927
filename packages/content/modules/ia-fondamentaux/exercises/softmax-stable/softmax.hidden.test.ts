import { describe, expect, test } from '@jest/globals';
import { classePredite, softmax } from './softmax';

describe('softmax (cas cachés)', () => {
  test('la somme vaut 1, et des scores égaux donnent des probabilités égales', () => {
    const p = softmax([2.5, -0.7, 0.1, 4]);
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
    softmax([5, 5, 5, 5]).forEach((x) => expect(x).toBeCloseTo(0.25, 6));
  });

  test('scores très négatifs ou très écartés', () => {
    const p = softmax([-1000, 0]);
    expect(p[0]).toBeCloseTo(0, 6);
    expect(p[1]).toBeCloseTo(1, 6);
    const q = softmax([-1200, -1201]);
    expect(q[0]).toBeCloseTo(0.7311, 4);
    expect(q[1]).toBeCloseTo(0.2689, 4);
  });

  test('classe prédite : négatifs, égalité, tableau vide', () => {
    expect(classePredite([-5, -2, -9])).toBe(1);
    expect(classePredite([1, 7, 7])).toBe(1);
    expect(classePredite([])).toBe(-1);
  });
});
