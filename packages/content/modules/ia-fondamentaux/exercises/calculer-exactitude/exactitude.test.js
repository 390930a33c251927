import { describe, expect, test } from '@jest/globals';
import { exactitude } from './exactitude';

describe('exactitude', () => {
  test('deux bonnes prédictions sur trois', () => {
    expect(exactitude(['chat', 'chien', 'chat'], ['chat', 'chat', 'chat'])).toBeCloseTo(2 / 3);
  });

  test('toutes les prédictions sont bonnes', () => {
    expect(exactitude(['spam', 'normal'], ['spam', 'normal'])).toBe(1);
  });

  test('tableaux vides : 0', () => {
    expect(exactitude([], [])).toBe(0);
  });
});
