import { describe, expect, test } from '@jest/globals';
import { formaterFcfa } from './fcfa';

describe('formaterFcfa', () => {
  test('groupe les milliers', () => {
    expect(formaterFcfa(1500)).toBe('1 500 FCFA');
  });

  test('un petit montant reste tel quel', () => {
    expect(formaterFcfa(250)).toBe('250 FCFA');
  });

  test('les millions', () => {
    expect(formaterFcfa(1500000)).toBe('1 500 000 FCFA');
  });

  test('un montant négatif garde son signe devant', () => {
    expect(formaterFcfa(-25000)).toBe('-25 000 FCFA');
  });
});
