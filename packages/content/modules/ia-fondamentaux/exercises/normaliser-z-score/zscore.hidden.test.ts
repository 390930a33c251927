import { describe, expect, test } from '@jest/globals';
import { ecartType, moyenne, zScores } from './zscore';

describe('score z (cas cachés)', () => {
  test('notes sur 20 : les scores z ont une moyenne 0 et un écart-type 1', () => {
    const z = zScores([8, 12, 15, 10, 9.5, 17]);
    expect(moyenne(z)).toBeCloseTo(0, 6);
    expect(ecartType(z)).toBeCloseTo(1, 6);
    expect(ecartType([8, 12, 15, 10, 9.5, 17])).toBeCloseTo(Math.sqrt(10.034722222222221), 6);
  });

  test('toutes les valeurs égales : des 0', () => {
    expect(zScores([3, 3, 3])).toEqual([0, 0, 0]);
    expect(ecartType([3, 3, 3])).toBe(0);
  });

  test('tableau vide', () => {
    expect(zScores([])).toEqual([]);
    expect(moyenne([])).toBe(0);
    expect(ecartType([])).toBe(0);
  });
});
