import { describe, expect, test } from '@jest/globals';
import { classer, type Exemple } from './voisin';

describe('classer (cas cachés)', () => {
  test('le plus proche est le dernier de la liste', () => {
    const exemples: Exemple[] = [
      { x: 10, y: 10, classe: 'loin' },
      { x: 4, y: 4, classe: 'moyen' },
      { x: 1, y: 0, classe: 'proche' },
    ];
    expect(classer({ x: 0, y: 0 }, exemples)).toBe('proche');
  });

  test('coordonnées négatives', () => {
    const exemples: Exemple[] = [
      { x: -3, y: -3, classe: 'sud-ouest' },
      { x: 3, y: 3, classe: 'nord-est' },
    ];
    expect(classer({ x: -2, y: -1 }, exemples)).toBe('sud-ouest');
  });

  test('égalité de distance : le premier exemple gagne', () => {
    const exemples: Exemple[] = [
      { x: 0, y: 2, classe: 'premier' },
      { x: 2, y: 0, classe: 'second' },
    ];
    expect(classer({ x: 0, y: 0 }, exemples)).toBe('premier');
  });
});
