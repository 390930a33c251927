import { describe, expect, test } from '@jest/globals';
import { plusLongueSerie } from './serie';

describe('plusLongueSerie (cas cachés)', () => {
  test('une saison vide', () => {
    expect(plusLongueSerie('')).toBe(0);
  });

  test('la meilleure série est à la fin', () => {
    expect(plusLongueSerie('VVDNVVVV')).toBe(4);
  });

  test('une longue saison sans défaite', () => {
    expect(plusLongueSerie('V'.repeat(500))).toBe(500);
  });
});
