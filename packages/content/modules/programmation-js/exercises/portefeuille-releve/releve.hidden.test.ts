import { describe, expect, test } from '@jest/globals';
import { releve, type Operation } from './releve';

describe('releve (cas cachés)', () => {
  test('un montant invalide est refusé avec son message', () => {
    const { lignes } = releve(0, [{ type: 'depot', montant: -300 }]);
    expect(lignes).toEqual([
      { type: 'depot', montant: -300, frais: 0, solde: 0, refus: 'Montant invalide : -300' },
    ]);
  });

  test('les frais des transferts comptent dans le total', () => {
    const resultat = releve(30000, [
      { type: 'transfert', montant: 10000, vers: '+228 90 12 34 56' },
      { type: 'transfert', montant: 2000, vers: '+228 70 11 22 33' },
    ]);
    expect(resultat.totalFrais).toBe(100);
    expect(resultat.soldeFinal).toBe(17900);
    expect(resultat.lignes.every((l) => !('refus' in l))).toBe(true);
  });

  test('ne modifie pas la liste des opérations, même longue', () => {
    const operations: Operation[] = Array.from({ length: 1000 }, () => ({ type: 'depot', montant: 500 }));
    const resultat = releve(0, operations);
    expect(resultat.soldeFinal).toBe(500000);
    expect(resultat.lignes).toHaveLength(1000);
    expect(operations[999]).toEqual({ type: 'depot', montant: 500 });
  });
});
