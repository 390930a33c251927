import { describe, expect, test } from '@jest/globals';
import { appliquerMinMax, normaliserMinMax } from './normaliser';

describe('normalisation min-max (cas cachés)', () => {
  test('valeurs négatives', () => {
    const r = normaliserMinMax([-10, 0, 10]);
    [0, 0.5, 1].forEach((v, i) => expect(r[i]).toBeCloseTo(v, 6));
  });

  test('toutes égales : des 0 ; vide : vide ; le tableau reçu est intact', () => {
    expect(normaliserMinMax([7, 7, 7])).toEqual([0, 0, 0]);
    expect(normaliserMinMax([])).toEqual([]);
    const valeurs = [3, 1, 2];
    normaliserMinMax(valeurs);
    expect(valeurs).toEqual([3, 1, 2]);
  });

  test('une valeur hors de l’intervalle appris sort de [0, 1]', () => {
    expect(appliquerMinMax(200000, 50000, 150000)).toBeCloseTo(1.5, 6);
    expect(appliquerMinMax(25000, 50000, 150000)).toBeCloseTo(-0.25, 6);
  });
});
