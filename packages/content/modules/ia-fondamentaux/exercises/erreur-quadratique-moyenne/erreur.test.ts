import { describe, expect, test } from '@jest/globals';
import { erreurQuadratiqueMoyenne, racineEQM } from './erreur';

describe('erreur quadratique moyenne', () => {
  test('prédictions [2, 4], vérités [3, 6] : 2.5', () => {
    expect(erreurQuadratiqueMoyenne([2, 4], [3, 6])).toBeCloseTo(2.5, 6);
  });

  test('prix du maïs (milliers de FCFA) : EQM 1.5 et REQM √1.5', () => {
    const predits = [18, 21, 19, 24];
    const vrais = [20, 20, 19, 25];
    expect(erreurQuadratiqueMoyenne(predits, vrais)).toBeCloseTo(1.5, 6);
    expect(racineEQM(predits, vrais)).toBeCloseTo(Math.sqrt(1.5), 6);
  });

  test('des prédictions parfaites : 0', () => {
    expect(erreurQuadratiqueMoyenne([1.5, 2.5], [1.5, 2.5])).toBe(0);
  });
});
