import { describe, expect, test } from '@jest/globals';
import { appliquer } from './portefeuille';

describe('frais et appliquer (cas cachés)', () => {
  test('un montant nul, négatif ou à virgule lève une RangeError', () => {
    expect(() => appliquer(1000, { type: 'depot', montant: 0 })).toThrow(RangeError);
    expect(() => appliquer(1000, { type: 'retrait', montant: -500 })).toThrow('Montant invalide : -500');
    expect(() => appliquer(1000, { type: 'depot', montant: 12.5 })).toThrow('Montant invalide : 12.5');
  });

  test('les frais comptent pour savoir si le solde suffit', () => {
    expect(() => appliquer(10000, { type: 'retrait', montant: 10000 })).toThrow('Solde insuffisant');
    expect(appliquer(10100, { type: 'retrait', montant: 10000 })).toBe(0);
  });

  test('un gros transfert', () => {
    expect(appliquer(2000000, { type: 'transfert', montant: 1500000, vers: '+228 99 00 00 01' })).toBe(
      499900,
    );
  });
});
