import { describe, expect, test } from '@jest/globals';
import { exactitude } from './exactitude';

describe('exactitude (cas cachés)', () => {
  test('aucune bonne prédiction', () => {
    expect(exactitude(['a', 'a'], ['b', 'b'])).toBe(0);
  });

  test('classes numériques', () => {
    expect(exactitude([1, 0, 1, 1], [1, 1, 1, 0])).toBe(0.5);
  });

  test('longueurs différentes : une erreur', () => {
    expect(() => exactitude(['a'], ['a', 'b'])).toThrow();
  });
});
