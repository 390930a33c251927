import { describe, expect, test } from '@jest/globals';
import { gradients, pasDeGradient, perte } from './gradient';

describe('descente de gradient (cas cachés)', () => {
  test('au minimum, le gradient est nul et le pas ne bouge plus', () => {
    const { dw, db } = gradients(2, 1, [0, 1, 2], [1, 3, 5]);
    expect(dw).toBeCloseTo(0, 6);
    expect(db).toBeCloseTo(0, 6);
    const m = pasDeGradient(2, 1, [0, 1, 2], [1, 3, 5], 0.5);
    expect(m.w).toBeCloseTo(2, 6);
    expect(m.b).toBeCloseTo(1, 6);
  });

  test('un pas depuis un modèle trop haut fait baisser la perte', () => {
    const xs = [1, 2, 4];
    const ys = [3, 5, 9];
    const { dw, db } = gradients(3, 2, xs, ys);
    expect(dw).toBeCloseTo(18.6667, 4);
    expect(db).toBeCloseTo(6.6667, 4);
    const m = pasDeGradient(3, 2, xs, ys, 0.02);
    expect(m.w).toBeCloseTo(2.6267, 4);
    expect(m.b).toBeCloseTo(1.8667, 4);
    expect(perte(m.w, m.b, xs, ys)).toBeLessThan(perte(3, 2, xs, ys));
  });

  test('500 pas rapprochent le modèle de y = 2x + 1', () => {
    const xs = [0, 1, 2, 3];
    const ys = [1, 3, 5, 7];
    let m = { w: 0, b: 0 };
    for (let i = 0; i < 500; i++) m = pasDeGradient(m.w, m.b, xs, ys, 0.05);
    expect(m.w).toBeCloseTo(2, 2);
    expect(m.b).toBeCloseTo(1, 2);
  });
});
