import { describe, expect, test } from '@jest/globals';
import { melanger, mulberry32, separerEntrainementTest } from './separation';

describe('séparation entraînement / test (cas cachés)', () => {
  test('aucun exemple perdu ni dupliqué, et le tableau reçu reste intact', () => {
    const fleurs = Array.from({ length: 150 }, (_, i) => i);
    const { entrainement, test: jeuTest } = separerEntrainementTest(fleurs, 0.2, 7);
    expect([...entrainement, ...jeuTest].sort((a, b) => a - b)).toEqual(fleurs);
    expect(jeuTest.slice(0, 5)).toEqual([122, 68, 16, 25, 114]);
    expect(fleurs[0]).toBe(0);
    const petit = [3, 1, 2];
    melanger(petit, mulberry32(1));
    expect(petit).toEqual([3, 1, 2]);
  });

  test('même graine, même séparation ; autre graine, autre séparation', () => {
    const donnees = [10, 20, 30, 40, 50];
    expect(separerEntrainementTest(donnees, 0.4, 1)).toEqual({ test: [50, 30], entrainement: [20, 10, 40] });
    expect(separerEntrainementTest(donnees, 0.4, 1)).toEqual(separerEntrainementTest(donnees, 0.4, 1));
    expect(separerEntrainementTest(donnees, 0.4, 2)).toEqual({ test: [30, 50], entrainement: [10, 20, 40] });
  });

  test('cas limites : aucun test, tout en test, tableau vide', () => {
    expect(separerEntrainementTest([1, 2, 3], 0, 5).test).toEqual([]);
    expect(separerEntrainementTest([1, 2, 3], 1, 5).entrainement).toEqual([]);
    expect(separerEntrainementTest([], 0.2, 5)).toEqual({ test: [], entrainement: [] });
  });
});
