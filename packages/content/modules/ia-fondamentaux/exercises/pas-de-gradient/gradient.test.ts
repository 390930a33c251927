import { describe, expect, test } from '@jest/globals';
import { gradients, pasDeGradient } from './gradient';

const xs = [1, 2, 3];
const ys = [2, 4, 6];

describe('descente de gradient', () => {
  test('le gradient au départ (w = 0, b = 0)', () => {
    const { dw, db } = gradients(0, 0, xs, ys);
    expect(dw).toBeCloseTo(-18.6667, 4);
    expect(db).toBeCloseTo(-8, 4);
  });

  test('un pas avec un taux de 0,1', () => {
    const { w, b } = pasDeGradient(0, 0, xs, ys, 0.1);
    expect(w).toBeCloseTo(1.8667, 4);
    expect(b).toBeCloseTo(0.8, 4);
  });
});
