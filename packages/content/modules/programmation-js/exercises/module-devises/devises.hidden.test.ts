import { describe, expect, test } from '@jest/globals';
import * as devises from './devises';
import convertir from './devises';

describe('le module devises (cas cachés)', () => {
  test("n'exporte pas son outil interne arrondir", () => {
    expect(devises).not.toHaveProperty('arrondir');
  });

  test("d'une monnaie vers elle-même, rien ne change", () => {
    expect(convertir(1234.5, 'EUR', 'EUR')).toBe(1234.5);
    expect(convertir(5000, 'XOF', 'XOF')).toBe(5000);
  });

  test('zéro et les grands montants', () => {
    expect(devises.versEuros(0)).toBe(0);
    expect(devises.versFcfa(1000000)).toBe(655957000);
    expect(devises.versEuros(655957000)).toBe(1000000);
  });
});
