import { describe, expect, test } from '@jest/globals';
import { ajusterDroite, predire } from './regression';

describe('régression linéaire (cas cachés)', () => {
  test('des points bruités', () => {
    const m = ajusterDroite([0, 1, 2, 3, 4], [1.1, 1.9, 3.2, 3.9, 5.1]);
    expect(m.pente).toBeCloseTo(1, 4);
    expect(m.ordonnee).toBeCloseTo(1.04, 4);
    expect(predire(m, 10)).toBeCloseTo(11.04, 4);
  });

  test('y constant : pente nulle', () => {
    const m = ajusterDroite([10, 20, 30], [5, 5, 5]);
    expect(m.pente).toBeCloseTo(0, 6);
    expect(m.ordonnee).toBeCloseTo(5, 6);
  });

  test('données impossibles : une erreur', () => {
    expect(() => ajusterDroite([3, 3, 3], [1, 2, 3])).toThrow();
    expect(() => ajusterDroite([1, 2], [1])).toThrow();
    expect(() => ajusterDroite([1], [1])).toThrow();
  });
});
