import { describe, expect, test } from '@jest/globals';
import convertir, { PARITE_EURO, versEuros, versFcfa } from './devises';

describe('le module devises', () => {
  test('exporte la parité fixe du franc CFA', () => {
    expect(PARITE_EURO).toBe(655.957);
  });

  test('versEuros arrondit au centime, versFcfa au franc', () => {
    expect(versEuros(10000)).toBe(15.24);
    expect(versFcfa(10)).toBe(6560);
  });

  test('convertir est l’export par défaut et choisit le sens', () => {
    expect(convertir(20, 'EUR', 'XOF')).toBe(13119);
    expect(convertir(10000, 'XOF', 'EUR')).toBe(15.24);
  });
});
