import { describe, expect, test } from '@jest/globals';
import { somme } from './somme';

describe('somme (cas cachés)', () => {
  test('un seul nombre', () => {
    expect(somme([42])).toBe(42);
  });

  test('nombres décimaux', () => {
    expect(somme([0.5, 0.25, 1.25])).toBeCloseTo(2);
  });

  test('les nombres de 1 à 100', () => {
    const nombres = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(somme(nombres)).toBe(5050);
  });
});
