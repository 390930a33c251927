import { describe, expect, test } from '@jest/globals';
import { tarifZemidjan } from './zemidjan';

describe('tarifZemidjan (cas cachés)', () => {
  test('une distance nulle ou négative coûte 0, même la nuit', () => {
    expect(tarifZemidjan(0, false)).toBe(0);
    expect(tarifZemidjan(-3, true)).toBe(0);
  });

  test('une petite course de nuit', () => {
    expect(tarifZemidjan(0.5, true)).toBe(300);
  });

  test('une longue course', () => {
    expect(tarifZemidjan(25, false)).toBe(2500);
    expect(tarifZemidjan(2.01, false)).toBe(300);
  });
});
