import { describe, expect, test } from '@jest/globals';
import { probabilite, sigmoide } from './sigmoide';

describe('sigmoïde (cas cachés)', () => {
  test('symétrie : σ(−z) = 1 − σ(z)', () => {
    for (const z of [0.3, 1.7, 4]) {
      expect(sigmoide(-z)).toBeCloseTo(1 - sigmoide(z), 6);
    }
  });

  test('scores extrêmes : un nombre fini entre 0 et 1, jamais NaN', () => {
    expect(sigmoide(800)).toBe(1);
    const petit = sigmoide(-800);
    expect(Number.isNaN(petit)).toBe(false);
    expect(petit).toBeGreaterThanOrEqual(0);
    expect(petit).toBeCloseTo(0, 6);
    expect(sigmoide(-30)).toBeGreaterThan(0);
  });

  test('probabilité avec trois caractéristiques', () => {
    expect(probabilite([0.5, 0.25, -1], -0.5, [1, 4, 0.5])).toBeCloseTo(sigmoide(0.5), 4);
    expect(probabilite([1, 1], -3, [1, 1])).toBeCloseTo(0.2689, 4);
  });
});
