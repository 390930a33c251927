import { describe, expect, test } from '@jest/globals';
import { norme, produitScalaire, similariteCosinus } from './vecteurs';

describe('vecteurs (cas cachés)', () => {
  test('longueurs différentes : une erreur', () => {
    expect(() => produitScalaire([1, 2], [1, 2, 3])).toThrow();
  });

  test('nombres à virgule et négatifs', () => {
    expect(produitScalaire([0.5, -2, 1.5], [4, 0.25, -2])).toBeCloseTo(-1.5, 6);
    expect(norme([1, 2, 2])).toBeCloseTo(3, 6);
  });

  test('similarité : même direction 1, opposés −1, vecteur nul 0', () => {
    expect(similariteCosinus([14, 11, 16], [28, 22, 32])).toBeCloseTo(1, 6);
    expect(similariteCosinus([1, 2], [-1, -2])).toBeCloseTo(-1, 6);
    expect(similariteCosinus([0, 0], [3, 4])).toBe(0);
    expect(similariteCosinus([1, 2, 3], [4, 5, 6])).toBeCloseTo(32 / Math.sqrt(14 * 77), 6);
  });
});
