import { describe, expect, test } from '@jest/globals';
import { plusLongueSerie } from './serie';

describe('plusLongueSerie', () => {
  test('trouve la meilleure série au milieu de la saison', () => {
    expect(plusLongueSerie('VVNVVVD')).toBe(3);
  });

  test('des victoires isolées font des séries de 1', () => {
    expect(plusLongueSerie('VDVDV')).toBe(1);
  });

  test('aucune victoire : 0', () => {
    expect(plusLongueSerie('NDD')).toBe(0);
  });
});
