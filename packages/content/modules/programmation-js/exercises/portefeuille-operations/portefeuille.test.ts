import { describe, expect, test } from '@jest/globals';
import { appliquer, frais } from './portefeuille';

describe('frais et appliquer', () => {
  test('les frais de chaque type d’opération', () => {
    expect(frais({ type: 'depot', montant: 10000 })).toBe(0);
    expect(frais({ type: 'retrait', montant: 20000 })).toBe(200);
    expect(frais({ type: 'transfert', montant: 5000, vers: '+228 90 12 34 56' })).toBe(0);
    expect(frais({ type: 'transfert', montant: 5001, vers: '+228 90 12 34 56' })).toBe(100);
  });

  test('un petit retrait coûte 100 FCFA au moins, et 1 % est arrondi au franc supérieur', () => {
    expect(frais({ type: 'retrait', montant: 3000 })).toBe(100);
    expect(frais({ type: 'retrait', montant: 15050 })).toBe(151);
  });

  test('un dépôt ajoute, un retrait enlève le montant et les frais', () => {
    expect(appliquer(0, { type: 'depot', montant: 50000 })).toBe(50000);
    expect(appliquer(50000, { type: 'retrait', montant: 20000 })).toBe(29800);
  });

  test('un solde insuffisant lève une erreur', () => {
    expect(() => appliquer(1000, { type: 'transfert', montant: 2000, vers: '+228 70 11 22 33' })).toThrow(
      'Solde insuffisant',
    );
  });
});
