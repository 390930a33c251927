import { describe, expect, it } from '@jest/globals';
import { Compte, SoldeInsuffisant } from './compte';

describe('Compte (cas cachés)', () => {
  it("le message de l'erreur donne le solde et le montant", () => {
    const compte = new Compte();
    compte.deposer(50);
    expect(() => compte.retirer(80)).toThrow('Solde insuffisant : 50 € disponibles, 80 € demandés');
    expect(() => compte.retirer(80)).toThrow(Error);
  });

  it('SoldeInsuffisant est une Error nommée', () => {
    const erreur = new SoldeInsuffisant(10, 20);
    expect(erreur).toBeInstanceOf(Error);
    expect(erreur.name).toBe('SoldeInsuffisant');
  });

  it('on peut retirer tout le solde, mais pas 0', () => {
    const compte = new Compte();
    compte.deposer(20);
    expect(() => compte.retirer(20)).not.toThrow();
    expect(compte.solde).toBe(0);
    expect(() => compte.retirer(0)).toThrow(RangeError);
  });
});
