import { describe, expect, test } from '@jest/globals';
import { classePredite, softmax } from './softmax';

function expectProches(recu: number[], attendu: number[]): void {
  expect(recu).toHaveLength(attendu.length);
  attendu.forEach((v, i) => expect(recu[i]).toBeCloseTo(v, 4));
}

describe('softmax', () => {
  test('softmax([1, 2, 3])', () => {
    expectProches(softmax([1, 2, 3]), [0.09, 0.2447, 0.6652]);
  });

  test('de grands scores ne donnent pas NaN', () => {
    expectProches(softmax([1000, 1001, 1002]), [0.09, 0.2447, 0.6652]);
  });

  test('la classe prédite est celle du plus grand score', () => {
    expect(classePredite([0.2, 3.1, -1])).toBe(1);
  });
});
