import { describe, expect, test } from '@jest/globals';
import { estMontantValide } from './montant';

describe('estMontantValide', () => {
  test('un nombre entier positif est valide, zéro aussi', () => {
    expect(estMontantValide(1500)).toBe(true);
    expect(estMontantValide(0)).toBe(true);
  });

  test("un texte n'est pas un montant, même s'il contient des chiffres", () => {
    expect(estMontantValide('1500')).toBe(false);
  });

  test('un nombre négatif ou à virgule est refusé', () => {
    expect(estMontantValide(-200)).toBe(false);
    expect(estMontantValide(12.5)).toBe(false);
  });
});
