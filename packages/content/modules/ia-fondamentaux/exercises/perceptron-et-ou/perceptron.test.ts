import { describe, expect, test } from '@jest/globals';
import { entrainer, predire, type Exemple } from './perceptron';

const ET: Exemple[] = [
  { entrees: [0, 0], cible: 0 },
  { entrees: [0, 1], cible: 0 },
  { entrees: [1, 0], cible: 0 },
  { entrees: [1, 1], cible: 1 },
];

describe('perceptron', () => {
  test('predire : 1 seulement si le score est strictement positif', () => {
    expect(predire([1, 1], -1, [1, 0])).toBe(0);
    expect(predire([1, 1], -1, [1, 1])).toBe(1);
  });

  test('le ET logique : converge en 6 époques vers [2, 1] et −2', () => {
    const r = entrainer(ET, 20);
    expect(r.converge).toBe(true);
    expect(r.epoques).toBe(6);
    expect(r.poids[0]).toBeCloseTo(2, 6);
    expect(r.poids[1]).toBeCloseTo(1, 6);
    expect(r.biais).toBeCloseTo(-2, 6);
  });

  test('après l’entraînement, les quatre lignes du ET sont bien prédites', () => {
    const r = entrainer(ET, 20);
    for (const { entrees, cible } of ET) expect(predire(r.poids, r.biais, entrees)).toBe(cible);
  });
});
