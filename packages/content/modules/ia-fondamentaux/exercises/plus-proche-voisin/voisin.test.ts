import { describe, expect, test } from '@jest/globals';
import { classer, type Exemple } from './voisin';

const exemples: Exemple[] = [
  { x: 1, y: 1, classe: 'bleu' },
  { x: 2, y: 4, classe: 'bleu' },
  { x: 5, y: 4, classe: 'orange' },
  { x: 6, y: 6, classe: 'orange' },
];

describe('classer', () => {
  test('le plus proche voisin de (3, 3) est bleu', () => {
    expect(classer({ x: 3, y: 3 }, exemples)).toBe('bleu');
  });

  test('un point près des exemples orange', () => {
    expect(classer({ x: 6, y: 5 }, exemples)).toBe('orange');
  });

  test('aucun exemple : null', () => {
    expect(classer({ x: 0, y: 0 }, [])).toBeNull();
  });
});
