import { describe, expect, test } from '@jest/globals';
import { inertie, kMoyennes, NUAGES, plusProcheCentre, type Point } from './kmoyennes';

describe('k-moyennes (cas cachés)', () => {
  test('de mauvais centres initiaux : un minimum local, bien pire', () => {
    const bon = kMoyennes(
      NUAGES,
      [
        [0, 0],
        [10, 0],
        [5, 10],
      ],
      100,
    );
    const mauvais = kMoyennes(
      NUAGES,
      [
        [1, 1],
        [3, 3],
        [7, 6],
      ],
      100,
    );
    expect(bon.iterations).toBe(2);
    expect(mauvais.iterations).toBe(3);
    expect(inertie(NUAGES, bon.centres, bon.affectations)).toBeCloseTo(77.996, 3);
    expect(inertie(NUAGES, mauvais.centres, mauvais.affectations)).toBeCloseTo(415.5104, 3);
    expect(mauvais.centres[2]?.[0]).toBeCloseTo(6.4455, 4);
    expect(mauvais.centres[2]?.[1]).toBeCloseTo(5.7265, 4);
  });

  test('un centre sans point ne bouge pas ; les centres initiaux restent intacts', () => {
    const points: Point[] = [
      [0, 0],
      [0, 2],
      [10, 10],
    ];
    const initiaux: Point[] = [
      [0, 1],
      [9, 9],
      [100, 100],
    ];
    const r = kMoyennes(points, initiaux, 10);
    expect(r.centres).toEqual([
      [0, 1],
      [10, 10],
      [100, 100],
    ]);
    expect(r.affectations).toEqual([0, 0, 1]);
    expect(initiaux[1]).toEqual([9, 9]);
  });

  test('égalité de distance : le premier centre ; un seul tour permis', () => {
    expect(
      plusProcheCentre(
        [1, 1],
        [
          [0, 0],
          [2, 2],
        ],
      ),
    ).toBe(0);
    const r = kMoyennes(
      [
        [0, 0],
        [4, 0],
      ],
      [
        [1, 0],
        [2, 0],
      ],
      1,
    );
    expect(r.iterations).toBe(1);
    expect(r.centres).toEqual([
      [0, 0],
      [4, 0],
    ]);
  });
});
