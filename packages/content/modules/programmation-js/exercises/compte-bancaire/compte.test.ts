import { describe, expect, it } from '@jest/globals';
import { Compte, SoldeInsuffisant } from './compte';

describe('Compte', () => {
  it('déposer puis retirer', () => {
    const compte = new Compte();
    compte.deposer(100);
    compte.retirer(30);
    expect(compte.solde).toBe(70);
  });

  it('retirer plus que le solde lève SoldeInsuffisant', () => {
    const compte = new Compte();
    compte.deposer(50);
    expect(() => compte.retirer(80)).toThrow(SoldeInsuffisant);
    expect(compte.solde).toBe(50);
  });

  it('un montant négatif lève une RangeError', () => {
    const compte = new Compte();
    expect(() => compte.deposer(-5)).toThrow(RangeError);
  });
});
