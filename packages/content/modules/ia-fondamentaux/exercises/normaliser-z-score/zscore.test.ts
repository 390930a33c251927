import { describe, expect, test } from '@jest/globals';
import { ecartType, moyenne, zScores } from './zscore';

describe('score z', () => {
  test('moyenne 5 et écart-type 2', () => {
    const valeurs = [2, 4, 4, 4, 5, 5, 7, 9];
    expect(moyenne(valeurs)).toBeCloseTo(5, 6);
    expect(ecartType(valeurs)).toBeCloseTo(2, 6);
  });

  test('les scores z de [2, 4, 4, 4, 5, 5, 7, 9]', () => {
    const attendus = [-1.5, -0.5, -0.5, -0.5, 0, 0, 1, 2];
    const z = zScores([2, 4, 4, 4, 5, 5, 7, 9]);
    expect(z).toHaveLength(8);
    attendus.forEach((v, i) => expect(z[i]).toBeCloseTo(v, 6));
  });
});
