import { describe, expect, test } from '@jest/globals';
import { exactitudeUnContreTous, IRIS, kPlusProchesVoisins, type Fleur } from './iris';

describe('k plus proches voisins sur Iris (cas cachés)', () => {
  test('exactitude un contre tous pour k = 5 et k = 15', () => {
    expect(exactitudeUnContreTous(IRIS, 5)).toBeCloseTo(145 / 150, 4);
    expect(exactitudeUnContreTous(IRIS, 15)).toBeCloseTo(146 / 150, 4);
  });

  test('égalité des votes : l’espèce du plus proche voisin gagne', () => {
    const fleurs: Fleur[] = [
      { mesures: [0, 0], espece: 'a' },
      { mesures: [3, 0], espece: 'b' },
      { mesures: [0, 2], espece: 'b' },
      { mesures: [4, 0], espece: 'a' },
      { mesures: [9, 9], espece: 'c' },
    ];
    expect(kPlusProchesVoisins([1, 1], fleurs, 2)).toBe('a');
    expect(kPlusProchesVoisins([1, 1], fleurs, 3)).toBe('b');
    expect(kPlusProchesVoisins([1, 1], fleurs, 4)).toBe('a');
  });

  test('aucune donnée : null ; k plus grand que le nombre de fleurs', () => {
    expect(kPlusProchesVoisins([1, 1, 1, 1], [], 3)).toBeNull();
    const trois = [IRIS[0], IRIS[50], IRIS[51]].filter((f): f is Fleur => f !== undefined);
    expect(kPlusProchesVoisins([5.1, 3.5, 1.4, 0.2], trois, 10)).toBe('versicolor');
  });
});
