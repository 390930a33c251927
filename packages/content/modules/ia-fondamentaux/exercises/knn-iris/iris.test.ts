import { describe, expect, test } from '@jest/globals';
import { exactitudeUnContreTous, IRIS, kPlusProchesVoisins } from './iris';

describe('k plus proches voisins sur Iris', () => {
  test('trois fleurs typiques, avec k = 5', () => {
    expect(kPlusProchesVoisins([5.0, 3.4, 1.5, 0.2], IRIS, 5)).toBe('setosa');
    expect(kPlusProchesVoisins([6.0, 2.8, 4.4, 1.3], IRIS, 5)).toBe('versicolor');
    expect(kPlusProchesVoisins([6.9, 3.1, 5.8, 2.2], IRIS, 5)).toBe('virginica');
  });

  test('une fleur à la frontière : k = 1 et k = 5 ne sont pas d’accord', () => {
    expect(kPlusProchesVoisins([5.9, 2.7, 5.1, 1.6], IRIS, 1)).toBe('versicolor');
    expect(kPlusProchesVoisins([5.9, 2.7, 5.1, 1.6], IRIS, 5)).toBe('virginica');
  });

  test('exactitude un contre tous : 0,96 pour k = 1', () => {
    expect(exactitudeUnContreTous(IRIS, 1)).toBeCloseTo(0.96, 4);
  });
});
