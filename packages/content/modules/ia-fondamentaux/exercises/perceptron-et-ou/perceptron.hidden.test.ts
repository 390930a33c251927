import { describe, expect, test } from '@jest/globals';
import { entrainer, predire, type Exemple } from './perceptron';

const table = (f: (a: number, b: number) => 0 | 1): Exemple[] =>
  [
    [0, 0],
    [0, 1],
    [1, 0],
    [1, 1],
  ].map(([a = 0, b = 0]) => ({ entrees: [a, b], cible: f(a, b) }));

describe('perceptron (cas cachés)', () => {
  test('le OU logique : 4 époques, poids [1, 1], biais 0', () => {
    const OU = table((a, b) => (a || b ? 1 : 0));
    const r = entrainer(OU, 20);
    expect(r.converge).toBe(true);
    expect(r.epoques).toBe(4);
    expect(r.poids[0]).toBeCloseTo(1, 6);
    expect(r.poids[1]).toBeCloseTo(1, 6);
    expect(r.biais).toBeCloseTo(0, 6);
    for (const { entrees, cible } of OU) expect(predire(r.poids, r.biais, entrees)).toBe(cible);
  });

  test('le ET avec un taux de 0,5 : mêmes époques, poids divisés par deux', () => {
    const r = entrainer(
      table((a, b) => (a && b ? 1 : 0)),
      20,
      0.5,
    );
    expect(r.epoques).toBe(6);
    expect(r.poids[0]).toBeCloseTo(1, 6);
    expect(r.poids[1]).toBeCloseTo(0.5, 6);
    expect(r.biais).toBeCloseTo(-1, 6);
  });

  test('le OU exclusif (XOR) ne converge pas en 50 époques', () => {
    const r = entrainer(
      table((a, b) => (a !== b ? 1 : 0)),
      50,
    );
    expect(r.converge).toBe(false);
    expect(r.epoques).toBe(50);
  });
});
