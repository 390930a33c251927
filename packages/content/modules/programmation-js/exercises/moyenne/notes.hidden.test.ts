import { describe, expect, test } from '@jest/globals';
import { moyenne } from './notes';

describe('moyenne (cas cachés)', () => {
  test('arrondie au centième', () => {
    expect(moyenne([13, 14, 14])).toBe(13.67);
  });

  test('une seule note', () => {
    expect(moyenne([20])).toBe(20);
  });

  test('petites notes arrondies', () => {
    expect(moyenne([0, 0, 1])).toBe(0.33);
  });
});
