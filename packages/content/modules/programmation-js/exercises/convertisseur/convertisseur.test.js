import { describe, expect, test } from '@jest/globals';
import { creerConvertisseur } from './convertisseur';

describe('creerConvertisseur', () => {
  test('renvoie une fonction', () => {
    expect(typeof creerConvertisseur(2)).toBe('function');
  });

  test('des euros vers les francs CFA, arrondi au franc', () => {
    const versFcfa = creerConvertisseur(655.957);
    expect(versFcfa(10)).toBe(6560);
  });

  test('des francs CFA vers les euros, au centime', () => {
    const versEuros = creerConvertisseur(1 / 655.957, 2);
    expect(versEuros(10000)).toBe(15.24);
  });
});
