import { describe, expect, test } from '@jest/globals';
import { norme, produitScalaire, similariteCosinus } from './vecteurs';

describe('vecteurs', () => {
  test('produit scalaire de [1, 2, 3] et [4, 5, 6] : 32', () => {
    expect(produitScalaire([1, 2, 3], [4, 5, 6])).toBeCloseTo(32, 6);
  });

  test('norme de [3, 4] : 5', () => {
    expect(norme([3, 4])).toBeCloseTo(5, 6);
  });

  test('deux vecteurs perpendiculaires : similarité 0', () => {
    expect(similariteCosinus([1, 0], [0, 1])).toBeCloseTo(0, 6);
  });
});
