import { describe, expect, test } from '@jest/globals';
import { variations } from './variations';

describe('variations (cas cachés)', () => {
  test('ne modifie pas le tableau reçu', () => {
    const prix = [500, 450, 700];
    variations(prix);
    expect(prix).toEqual([500, 450, 700]);
  });

  test('deux jours', () => {
    expect(variations([1000, 400])).toEqual([-600]);
  });

  test('une année de relevés', () => {
    const prix = Array.from({ length: 365 }, (_, jour) => 500 + jour * 5);
    const resultat = variations(prix);
    expect(resultat).toHaveLength(364);
    expect(resultat.every((v) => v === 5)).toBe(true);
  });
});
