import { describe, expect, test } from '@jest/globals';
import { moisPourEpargner } from './epargne';

describe('moisPourEpargner (cas cachés)', () => {
  test('un objectif nul ou négatif est déjà atteint', () => {
    expect(moisPourEpargner(0, 1000, 500)).toBe(0);
    expect(moisPourEpargner(-100, 1000, 500)).toBe(0);
  });

  test("sans rien épargner, on n'y arrive jamais", () => {
    expect(moisPourEpargner(1000, 0, 0)).toBe(Infinity);
  });

  test("en partant de 0, seule l'augmentation fait avancer", () => {
    expect(moisPourEpargner(1000, 0, 100)).toBe(5);
  });

  test('un gros objectif : une moto à 600 000 FCFA', () => {
    expect(moisPourEpargner(600000, 5000, 1000)).toBe(31);
  });
});
