import { describe, expect, test } from '@jest/globals';
import { converge, erreursParEpoque } from './xou';

const table = (f) =>
  [
    [0, 0],
    [0, 1],
    [1, 0],
    [1, 1],
  ].map(([a, b]) => ({ entrees: [a, b], cible: f(a, b) }));

describe('le perceptron et le XOR (cas cachés)', () => {
  test('XOR : 2, 3, puis 4 erreurs à chaque époque, jamais 0', () => {
    const erreurs = erreursParEpoque(
      table((a, b) => (a !== b ? 1 : 0)),
      300,
    );
    expect(erreurs).toHaveLength(300);
    expect(erreurs.slice(0, 5)).toEqual([2, 3, 4, 4, 4]);
    expect(Math.min(...erreurs)).toBeGreaterThan(0);
  });

  test('OU : converge à la 4ᵉ époque ; l’équivalence (XNOR) ne converge pas', () => {
    expect(
      converge(
        table((a, b) => (a || b ? 1 : 0)),
        20,
      ),
    ).toBe(4);
    expect(
      converge(
        table((a, b) => (a === b ? 1 : 0)),
        100,
      ),
    ).toBeNull();
  });

  test('une époque de moins que nécessaire : null', () => {
    expect(
      converge(
        table((a, b) => (a && b ? 1 : 0)),
        5,
      ),
    ).toBeNull();
    expect(
      erreursParEpoque(
        table((a, b) => (a && b ? 1 : 0)),
        0,
      ),
    ).toEqual([]);
  });
});
