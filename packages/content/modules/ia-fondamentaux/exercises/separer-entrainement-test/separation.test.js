import { describe, expect, test } from '@jest/globals';
import { melanger, mulberry32, separerEntrainementTest } from './separation';

describe('séparation entraînement / test', () => {
  test('Fisher–Yates avec la graine 42', () => {
    expect(melanger([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], mulberry32(42))).toEqual([
      1, 8, 4, 6, 3, 2, 9, 10, 5, 7,
    ]);
  });

  test('dix exemples, 30 % pour le test, graine 2026', () => {
    const lettres = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'];
    expect(separerEntrainementTest(lettres, 0.3, 2026)).toEqual({
      test: ['g', 'h', 'd'],
      entrainement: ['i', 'b', 'a', 'j', 'f', 'c', 'e'],
    });
  });

  test('150 fleurs, 20 % : 30 pour le test, 120 pour l’entraînement', () => {
    const fleurs = Array.from({ length: 150 }, (_, i) => i);
    const { entrainement, test: jeuTest } = separerEntrainementTest(fleurs, 0.2, 7);
    expect(jeuTest).toHaveLength(30);
    expect(entrainement).toHaveLength(120);
  });
});
