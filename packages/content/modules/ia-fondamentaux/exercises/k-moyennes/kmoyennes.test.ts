import { describe, expect, test } from '@jest/globals';
import { kMoyennes, NUAGES, plusProcheCentre, type Point } from './kmoyennes';

function expectPoints(recus: Point[], attendus: Point[]): void {
  expect(recus).toHaveLength(attendus.length);
  attendus.forEach(([x, y], i) => {
    expect(recus[i]?.[0]).toBeCloseTo(x, 4);
    expect(recus[i]?.[1]).toBeCloseTo(y, 4);
  });
}

describe('k-moyennes', () => {
  test('le centre le plus proche', () => {
    expect(
      plusProcheCentre(
        [4, 1],
        [
          [0, 0],
          [5, 0],
          [5, 5],
        ],
      ),
    ).toBe(1);
  });

  test('sept points, deux groupes', () => {
    const points: Point[] = [
      [1, 1],
      [1.5, 2],
      [3, 4],
      [5, 7],
      [3.5, 5],
      [4.5, 5],
      [3.5, 4.5],
    ];
    const r = kMoyennes(
      points,
      [
        [1, 1],
        [5, 7],
      ],
      10,
    );
    expectPoints(r.centres, [
      [1.25, 1.5],
      [3.9, 5.1],
    ]);
    expect(r.affectations).toEqual([0, 0, 1, 1, 1, 1, 1]);
  });

  test('les trois nuages générés : 20 points par groupe, centres retrouvés', () => {
    const r = kMoyennes(
      NUAGES,
      [
        [0, 0],
        [10, 0],
        [5, 10],
      ],
      100,
    );
    expectPoints(r.centres, [
      [2.0395, 2.1365],
      [8.0695, 3.2695],
      [4.8215, 8.1835],
    ]);
    expect([0, 1, 2].map((c) => r.affectations.filter((a) => a === c).length)).toEqual([20, 20, 20]);
  });
});
