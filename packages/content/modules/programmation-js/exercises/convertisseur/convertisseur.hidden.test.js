import { describe, expect, test } from '@jest/globals';
import { creerConvertisseur } from './convertisseur';

describe('creerConvertisseur (cas cachés)', () => {
  test('deux convertisseurs gardent chacun leur taux', () => {
    const double = creerConvertisseur(2);
    const triple = creerConvertisseur(3);
    expect(double(5)).toBe(10);
    expect(triple(5)).toBe(15);
    expect(double(7)).toBe(14);
  });

  test('un montant nul ou négatif (un remboursement)', () => {
    const versFcfa = creerConvertisseur(655.957);
    expect(versFcfa(0)).toBe(0);
    expect(versFcfa(-10)).toBe(-6560);
  });

  test('un grand montant, au centime', () => {
    const versEuros = creerConvertisseur(1 / 655.957, 2);
    expect(versEuros(5000000)).toBe(7622.45);
  });
});
