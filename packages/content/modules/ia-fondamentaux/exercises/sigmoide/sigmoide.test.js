import { describe, expect, test } from '@jest/globals';
import { probabilite, sigmoide } from './sigmoide';

describe('sigmoïde', () => {
  test('σ(0) = 0,5', () => {
    expect(sigmoide(0)).toBeCloseTo(0.5, 4);
  });

  test('σ(2) ≈ 0,8808 et σ(−2) ≈ 0,1192', () => {
    expect(sigmoide(2)).toBeCloseTo(0.8808, 4);
    expect(sigmoide(-2)).toBeCloseTo(0.1192, 4);
  });

  test('probabilité de remboursement d’un micro-crédit', () => {
    expect(probabilite([0.8, -1.2], 0.5, [2, 1])).toBeCloseTo(0.7109, 4);
  });
});
