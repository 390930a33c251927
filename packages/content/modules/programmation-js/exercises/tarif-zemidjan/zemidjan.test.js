import { describe, expect, test } from '@jest/globals';
import { tarifZemidjan } from './zemidjan';

describe('tarifZemidjan', () => {
  test('une course de 2 km ou moins coûte 200 FCFA', () => {
    expect(tarifZemidjan(1.5, false)).toBe(200);
    expect(tarifZemidjan(2, false)).toBe(200);
  });

  test('chaque kilomètre au-delà de 2 km ajoute 100 FCFA', () => {
    expect(tarifZemidjan(3, false)).toBe(300);
  });

  test('un kilomètre commencé est compté', () => {
    expect(tarifZemidjan(3.2, false)).toBe(400);
  });

  test('la nuit, 100 FCFA de plus', () => {
    expect(tarifZemidjan(5, true)).toBe(600);
  });
});
