import { describe, expect, test } from '@jest/globals';
import { converge, erreursParEpoque } from './xou';

const ET = [
  { entrees: [0, 0], cible: 0 },
  { entrees: [0, 1], cible: 0 },
  { entrees: [1, 0], cible: 0 },
  { entrees: [1, 1], cible: 1 },
];
const XOU = [
  { entrees: [0, 0], cible: 0 },
  { entrees: [0, 1], cible: 1 },
  { entrees: [1, 0], cible: 1 },
  { entrees: [1, 1], cible: 0 },
];

describe('le perceptron et le XOR', () => {
  test('ET : les erreurs de 8 époques', () => {
    expect(erreursParEpoque(ET, 8)).toEqual([1, 3, 3, 2, 1, 0, 0, 0]);
  });

  test('ET : converge à la 6ᵉ époque', () => {
    expect(converge(ET, 20)).toBe(6);
  });

  test('XOR : aucune convergence en 100 époques', () => {
    expect(converge(XOU, 100)).toBeNull();
  });
});
