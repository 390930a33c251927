import { describe, expect, test } from '@jest/globals';
import { prixFinal } from './remise';

describe('prixFinal (cas cachés)', () => {
  test('arrondi au franc le plus proche', () => {
    expect(prixFinal(999, 1, 33)).toBe(669);
    expect(prixFinal(150, 3, 8)).toBe(414);
  });

  test('une remise négative ne fait pas payer plus', () => {
    expect(prixFinal(1000, 2, -20)).toBe(2000);
  });

  test('une remise de plus de 100 % rend l’article gratuit, pas payé au client', () => {
    expect(prixFinal(1000, 2, 150)).toBe(0);
  });

  test('une quantité nulle ne coûte rien', () => {
    expect(prixFinal(6000, 0, 10)).toBe(0);
  });
});
