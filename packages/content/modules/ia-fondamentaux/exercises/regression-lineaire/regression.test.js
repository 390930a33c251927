import { describe, expect, test } from '@jest/globals';
import { ajusterDroite, predire } from './regression';

const surfaces = [12, 15, 20, 25, 30, 40];
const loyers = [25, 30, 38, 45, 55, 70];

describe('régression linéaire', () => {
  test('des points alignés sur y = 2x + 1', () => {
    const m = ajusterDroite([1, 2, 3, 4], [3, 5, 7, 9]);
    expect(m.pente).toBeCloseTo(2, 4);
    expect(m.ordonnee).toBeCloseTo(1, 4);
  });

  test('les loyers de Lomé', () => {
    const m = ajusterDroite(surfaces, loyers);
    expect(m.pente).toBeCloseTo(1.61375, 4);
    expect(m.ordonnee).toBeCloseTo(5.64125, 4);
  });

  test('le loyer estimé d’un logement de 35 m²', () => {
    expect(predire(ajusterDroite(surfaces, loyers), 35)).toBeCloseTo(62.12, 2);
  });
});
