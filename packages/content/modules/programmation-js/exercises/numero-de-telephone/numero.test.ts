import { describe, expect, test } from '@jest/globals';
import { normaliserNumero } from './numero';

describe('normaliserNumero', () => {
  test('un numéro à 8 chiffres avec des espaces', () => {
    expect(normaliserNumero('90 12 34 56')).toBe('+228 90 12 34 56');
  });

  test("avec l'indicatif 00228, des points et des tirets", () => {
    expect(normaliserNumero('00228-70.11.22.33')).toBe('+228 70 11 22 33');
  });

  test("avec l'indicatif +228", () => {
    expect(normaliserNumero('+228 99123456')).toBe('+228 99 12 34 56');
  });

  test('7 chiffres ou un autre indicatif : null', () => {
    expect(normaliserNumero('9012345')).toBeNull();
    expect(normaliserNumero('+229 90 12 34 56')).toBeNull();
  });
});
