import { describe, expect, test } from '@jest/globals';
import { meilleursButeurs, type Joueur } from './buteurs';

describe('meilleursButeurs (cas cachés)', () => {
  test('ne modifie pas le tableau reçu', () => {
    const joueurs: Joueur[] = [
      { nom: 'Yao', equipe: 'A', buts: 1 },
      { nom: 'Afi', equipe: 'B', buts: 4 },
    ];
    meilleursButeurs(joueurs, 2);
    expect(joueurs.map((j) => j.nom)).toEqual(['Yao', 'Afi']);
  });

  test('les noms accentués sont rangés comme dans un dictionnaire', () => {
    const joueurs: Joueur[] = [
      { nom: 'Fafa', equipe: 'A', buts: 2 },
      { nom: 'Édem', equipe: 'B', buts: 2 },
      { nom: 'Dodzi', equipe: 'C', buts: 2 },
    ];
    expect(meilleursButeurs(joueurs, 3)).toEqual(['Dodzi', 'Édem', 'Fafa']);
  });

  test('aucun joueur, ou n = 0 : un tableau vide', () => {
    expect(meilleursButeurs([], 3)).toEqual([]);
    expect(meilleursButeurs([{ nom: 'Yao', equipe: 'A', buts: 1 }], 0)).toEqual([]);
  });
});
