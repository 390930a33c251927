import { describe, expect, test } from '@jest/globals';
import { normaliserNumero } from './numero';

describe('normaliserNumero (cas cachés)', () => {
  test('une saisie vide', () => {
    expect(normaliserNumero('')).toBeNull();
    expect(normaliserNumero('   ')).toBeNull();
  });

  test('des lettres au milieu des chiffres', () => {
    expect(normaliserNumero('90 12 AB 56')).toBeNull();
  });

  test('trop de chiffres, même avec un indicatif', () => {
    expect(normaliserNumero('+228 90 12 34 567')).toBeNull();
    expect(normaliserNumero('228901234567')).toBeNull();
  });

  test('des espaces au début et à la fin', () => {
    expect(normaliserNumero('  91-23-45-67  ')).toBe('+228 91 23 45 67');
  });
});
