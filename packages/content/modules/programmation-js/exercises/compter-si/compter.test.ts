import { describe, expect, test } from '@jest/globals';
import { compterSi } from './compter';

describe('compterSi', () => {
  test('compte les notes de 10 ou plus', () => {
    expect(compterSi([12, 8, 15, 9], (note) => note >= 10)).toBe(2);
  });

  test('compte les villes qui commencent par K', () => {
    expect(compterSi(['Kara', 'Lomé', 'Kpalimé'], (ville) => ville.startsWith('K'))).toBe(2);
  });

  test('un tableau vide : 0', () => {
    expect(compterSi([], () => true)).toBe(0);
  });
});
