import { describe, expect, test } from '@jest/globals';
import { f1, matriceConfusion, precision, rappel } from './metriques';

describe('matrice de confusion (cas cachés)', () => {
  test('trois classes : seule la classe positive compte comme positive', () => {
    const v = ['spam', 'promo', 'normal', 'spam', 'normal'];
    const p = ['spam', 'spam', 'promo', 'normal', 'normal'];
    expect(matriceConfusion(v, p, 'spam')).toEqual({ vp: 1, fp: 1, fn: 1, vn: 2 });
    expect(() => matriceConfusion(['a'], ['a', 'b'], 'a')).toThrow();
  });

  test('un modèle qui ne prédit jamais la classe positive', () => {
    const m = matriceConfusion(['oui', 'non', 'non', 'non'], ['non', 'non', 'non', 'non'], 'oui');
    expect(m).toEqual({ vp: 0, fp: 0, fn: 1, vn: 3 });
    expect(precision(m)).toBe(0);
    expect(rappel(m)).toBe(0);
    expect(f1(m)).toBe(0);
  });

  test('F1 : la moyenne harmonique punit le plus faible des deux', () => {
    const m = { vp: 90, fp: 10, fn: 210, vn: 690 };
    expect(precision(m)).toBeCloseTo(0.9, 4);
    expect(rappel(m)).toBeCloseTo(0.3, 4);
    expect(f1(m)).toBeCloseTo(0.45, 4);
  });
});
