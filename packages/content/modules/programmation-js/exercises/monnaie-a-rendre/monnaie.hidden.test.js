import { describe, expect, test } from '@jest/globals';
import { aRendre } from './monnaie';

describe('aRendre (cas cachés)', () => {
  test('aucun beignet acheté : tout le billet est rendu', () => {
    expect(aRendre(50, 0, 2000)).toBe(2000);
  });

  test('un seul article', () => {
    expect(aRendre(1500, 1, 2000)).toBe(500);
  });

  test('de gros montants', () => {
    expect(aRendre(12500, 40, 1000000)).toBe(500000);
  });
});
