import { describe, expect, test } from '@jest/globals';
import { somme } from './somme';

describe('somme', () => {
  test('additionne trois nombres', () => {
    expect(somme([1, 2, 3])).toBe(6);
  });

  test('renvoie 0 pour un tableau vide', () => {
    expect(somme([])).toBe(0);
  });

  test('tient compte des nombres négatifs', () => {
    expect(somme([10, -4, -6])).toBe(0);
  });
});
