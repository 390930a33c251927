import { describe, expect, test } from '@jest/globals';
import { appliquerMinMax, normaliserMinMax } from './normaliser';

/** Compare deux tableaux de nombres à 6 décimales. */
function expectProches(recu, attendu) {
  expect(recu).toHaveLength(attendu.length);
  attendu.forEach((v, i) => expect(recu[i]).toBeCloseTo(v, 6));
}

describe('normalisation min-max', () => {
  test('prix de téléphones en FCFA', () => {
    expectProches(normaliserMinMax([50000, 75000, 150000]), [0, 0.25, 1]);
  });

  test('températures à Kara, dans le désordre', () => {
    expectProches(normaliserMinMax([31, 22, 40, 25]), [0.5, 0, 1, 1 / 6]);
  });

  test('une nouvelle valeur avec le min et le max appris', () => {
    expect(appliquerMinMax(100000, 50000, 150000)).toBeCloseTo(0.5, 6);
  });
});
