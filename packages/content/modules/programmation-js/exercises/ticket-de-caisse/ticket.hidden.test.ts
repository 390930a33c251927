import { describe, expect, it } from '@jest/globals';
import { ticket } from './ticket';

expect.extend({
  toBeArrondiAuCentime(recu: number) {
    const pass = Math.round(recu * 100) / 100 === recu;
    return {
      pass,
      message: () =>
        `${this.utils.printReceived(recu)} ${this.isNot ? 'est' : "n'est pas"} arrondi au centime`,
    };
  },
});

declare module 'expect' {
  interface Matchers<R> {
    toBeArrondiAuCentime(): R;
  }
}

describe('ticket (cas cachés)', () => {
  it('une grande quantité', () => {
    expect(ticket([{ nom: 'œuf', prix: 0.35, quantite: 12 }])).toMatchInlineSnapshot(`
      {
        "articles": 12,
        "lignes": [
          "12 × œuf : 4.20 €",
        ],
        "total": 4.2,
      }
    `);
  });

  it('beaucoup de petits prix restent arrondis au centime', () => {
    const achats = [
      { nom: 'clou', prix: 0.07, quantite: 3 },
      { nom: 'vis', prix: 0.1, quantite: 7 },
      { nom: 'rondelle', prix: 0.01, quantite: 9 },
    ];
    const resultat = ticket(achats);
    expect(resultat.total).toBeArrondiAuCentime();
    expect(resultat.total).toBe(1.0);
    expect(resultat).toEqual({ articles: 19, lignes: expect.any(Array), total: 1 });
  });
});
