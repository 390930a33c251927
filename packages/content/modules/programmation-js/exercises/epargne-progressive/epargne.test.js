import { describe, expect, test } from '@jest/globals';
import { moisPourEpargner } from './epargne';

describe('moisPourEpargner', () => {
  test('4 mois pour 5 000 FCFA en commençant à 1 000 et en augmentant de 500', () => {
    expect(moisPourEpargner(5000, 1000, 500)).toBe(4);
  });

  test('sans augmentation, on épargne la même somme chaque mois', () => {
    expect(moisPourEpargner(6000, 2000, 0)).toBe(3);
  });

  test("l'objectif atteint pile compte", () => {
    expect(moisPourEpargner(4500, 1000, 500)).toBe(3);
  });
});
