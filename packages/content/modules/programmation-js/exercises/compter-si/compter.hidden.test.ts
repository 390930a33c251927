import { describe, expect, jest, test } from '@jest/globals';
import { compterSi } from './compter';

describe('compterSi (cas cachés)', () => {
  test('appelle la condition une fois par élément, dans l’ordre', () => {
    const condition = jest.fn((n: number) => n > 0);
    expect(compterSi([3, -1, 4], condition)).toBe(2);
    expect(condition.mock.calls.map((appel) => appel[0])).toEqual([3, -1, 4]);
  });

  test('sur des objets', () => {
    const joueurs = [
      { nom: 'Emmanuel', buts: 3 },
      { nom: 'Kossi', buts: 0 },
      { nom: 'Yao', buts: 1 },
    ];
    expect(compterSi(joueurs, (j) => j.buts > 0)).toBe(2);
  });

  test('aucun élément ne convient', () => {
    expect(compterSi(['a', 'b'], (s) => s.length > 3)).toBe(0);
  });
});
