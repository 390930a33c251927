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

describe('ticket', () => {
  it('une ligne par article, le nombre d’articles et le total', () => {
    const achats = [
      { nom: 'pain', prix: 0.75, quantite: 2 },
      { nom: 'lait', prix: 1.1, quantite: 1 },
    ];
    expect(ticket(achats)).toMatchInlineSnapshot(`
      {
        "articles": 3,
        "lignes": [
          "2 × pain : 1.50 €",
          "1 × lait : 1.10 €",
        ],
        "total": 2.6,
      }
    `);
  });

  it('un panier vide', () => {
    expect(ticket([])).toMatchInlineSnapshot(`
      {
        "articles": 0,
        "lignes": [],
        "total": 0,
      }
    `);
  });

  it('le total est arrondi au centime', () => {
    const total = ticket([{ nom: 'bonbon', prix: 0.1, quantite: 3 }]).total;
    expect(total).toBeArrondiAuCentime();
    expect(total).toBe(0.3);
  });
});
