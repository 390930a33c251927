import { describe, expect, test } from '@jest/globals';
import { aRendre } from './monnaie';

describe('aRendre', () => {
  test('3 beignets à 50 FCFA payés avec 500 FCFA : 350 FCFA à rendre', () => {
    expect(aRendre(50, 3, 500)).toBe(350);
  });

  test('le compte est juste : rien à rendre', () => {
    expect(aRendre(100, 5, 500)).toBe(0);
  });

  test("il manque de l'argent : le résultat est négatif", () => {
    expect(aRendre(250, 4, 500)).toBe(-500);
  });
});
