import { describe, expect, test } from '@jest/globals';
import { estMontantValide } from './montant';

describe('estMontantValide (cas cachés)', () => {
  test('NaN et Infinity ne sont pas des montants', () => {
    expect(estMontantValide(NaN)).toBe(false);
    expect(estMontantValide(Infinity)).toBe(false);
  });

  test('null, undefined, un booléen ou un tableau sont refusés', () => {
    expect(estMontantValide(null)).toBe(false);
    expect(estMontantValide(undefined)).toBe(false);
    expect(estMontantValide(true)).toBe(false);
    expect(estMontantValide([500])).toBe(false);
  });

  test('un très grand montant entier reste valide', () => {
    expect(estMontantValide(2_000_000_000)).toBe(true);
  });
});
