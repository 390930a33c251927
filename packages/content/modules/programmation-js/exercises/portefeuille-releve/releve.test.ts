import { describe, expect, test } from '@jest/globals';
import { releve, type Operation } from './releve';

describe('releve', () => {
  test('une ligne par opération, avec les frais et le solde après elle', () => {
    const operations: Operation[] = [
      { type: 'depot', montant: 20000 },
      { type: 'retrait', montant: 10000 },
    ];
    expect(releve(1000, operations)).toEqual({
      lignes: [
        { type: 'depot', montant: 20000, frais: 0, solde: 21000 },
        { type: 'retrait', montant: 10000, frais: 100, solde: 10900 },
      ],
      soldeFinal: 10900,
      totalFrais: 100,
    });
  });

  test('une opération refusée est notée, ne change pas le solde, et le relevé continue', () => {
    const { lignes, soldeFinal } = releve(1000, [
      { type: 'depot', montant: 20000 },
      { type: 'retrait', montant: 50000 },
      { type: 'retrait', montant: 10000 },
    ]);
    expect(lignes[1]).toEqual({
      type: 'retrait',
      montant: 50000,
      frais: 0,
      solde: 21000,
      refus: 'Solde insuffisant',
    });
    expect(soldeFinal).toBe(10900);
  });

  test('aucune opération : le solde ne bouge pas', () => {
    expect(releve(5000, [])).toEqual({ lignes: [], soldeFinal: 5000, totalFrais: 0 });
  });
});
