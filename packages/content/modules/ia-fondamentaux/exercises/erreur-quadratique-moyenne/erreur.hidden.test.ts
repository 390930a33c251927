import { describe, expect, test } from '@jest/globals';
import { erreurQuadratiqueMoyenne, racineEQM } from './erreur';

describe('erreur quadratique moyenne (cas cachés)', () => {
  test('les écarts négatifs comptent autant que les positifs', () => {
    expect(erreurQuadratiqueMoyenne([0, 0, 0], [3, -3, 0])).toBeCloseTo(6, 6);
    expect(racineEQM([0, 0, 0], [3, -3, 0])).toBeCloseTo(Math.sqrt(6), 6);
  });

  test('nombres à virgule', () => {
    expect(erreurQuadratiqueMoyenne([0.1, 0.2, 0.3], [0.2, 0.2, 0.5])).toBeCloseTo(0.05 / 3, 6);
  });

  test('tableaux vides : 0 ; longueurs différentes : une erreur', () => {
    expect(erreurQuadratiqueMoyenne([], [])).toBe(0);
    expect(() => erreurQuadratiqueMoyenne([1], [1, 2])).toThrow();
  });
});
