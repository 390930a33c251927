import { describe, expect, test } from '@jest/globals';
import { dureeLisible } from './duree';

describe('dureeLisible (cas cachés)', () => {
  test('zéro minute', () => {
    expect(dureeLisible(0)).toBe('0 h 0 min');
  });

  test('des heures pile', () => {
    expect(dureeLisible(120)).toBe('2 h 0 min');
  });

  test('plus de 24 heures', () => {
    expect(dureeLisible(1505)).toBe('25 h 5 min');
  });
});
