import { describe, expect, test } from '@jest/globals';
import { formaterFcfa } from './fcfa';

describe('formaterFcfa (cas cachés)', () => {
  test('zéro', () => {
    expect(formaterFcfa(0)).toBe('0 FCFA');
  });

  test('exactement trois, puis six chiffres', () => {
    expect(formaterFcfa(100)).toBe('100 FCFA');
    expect(formaterFcfa(100000)).toBe('100 000 FCFA');
    expect(formaterFcfa(-999)).toBe('-999 FCFA');
  });

  test('un très grand montant', () => {
    expect(formaterFcfa(12345678901)).toBe('12 345 678 901 FCFA');
  });

  test("utilise l'espace ordinaire", () => {
    expect(formaterFcfa(7000).charCodeAt(1)).toBe(32);
  });
});
