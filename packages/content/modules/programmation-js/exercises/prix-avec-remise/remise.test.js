import { describe, expect, test } from '@jest/globals';
import { prixFinal } from './remise';

describe('prixFinal', () => {
  test('sans quantité ni remise : le prix d’un article', () => {
    expect(prixFinal(6000)).toBe(6000);
  });

  test('avec une quantité, sans remise', () => {
    expect(prixFinal(6000, 3)).toBe(18000);
  });

  test('avec une remise de 10 %', () => {
    expect(prixFinal(6000, 3, 10)).toBe(16200);
    expect(prixFinal(2500, 1, 15)).toBe(2125);
  });
});
