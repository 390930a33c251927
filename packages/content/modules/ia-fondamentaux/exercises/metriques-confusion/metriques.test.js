import { describe, expect, test } from '@jest/globals';
import { f1, matriceConfusion, precision, rappel } from './metriques';

const verites = ['malade', 'sain', 'malade', 'malade', 'sain', 'sain', 'malade', 'sain', 'sain', 'sain'];
const tests = ['malade', 'malade', 'sain', 'malade', 'sain', 'sain', 'malade', 'sain', 'malade', 'sain'];

describe('matrice de confusion', () => {
  test('dix patients : 3 vp, 2 fp, 1 fn, 4 vn', () => {
    expect(matriceConfusion(verites, tests, 'malade')).toEqual({ vp: 3, fp: 2, fn: 1, vn: 4 });
  });

  test('précision 0,6 et rappel 0,75', () => {
    const m = { vp: 3, fp: 2, fn: 1, vn: 4 };
    expect(precision(m)).toBeCloseTo(0.6, 4);
    expect(rappel(m)).toBeCloseTo(0.75, 4);
  });

  test('F1 ≈ 0,6667', () => {
    expect(f1({ vp: 3, fp: 2, fn: 1, vn: 4 })).toBeCloseTo(0.6667, 4);
  });
});
