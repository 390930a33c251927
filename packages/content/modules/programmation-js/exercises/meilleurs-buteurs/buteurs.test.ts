import { describe, expect, test } from '@jest/globals';
import { meilleursButeurs, type Joueur } from './buteurs';

const joueurs: Joueur[] = [
  { nom: 'Komlan', equipe: 'Université de Lomé', buts: 5 },
  { nom: 'Yao', equipe: 'Université de Kara', buts: 3 },
  { nom: 'Afi', equipe: 'Université de Kara', buts: 5 },
  { nom: 'Sena', equipe: 'Université de Lomé', buts: 0 },
];

describe('meilleursButeurs', () => {
  test('les deux meilleurs, à égalité rangés par nom', () => {
    expect(meilleursButeurs(joueurs, 2)).toEqual(['Afi', 'Komlan']);
  });

  test('du plus grand nombre de buts au plus petit', () => {
    expect(meilleursButeurs(joueurs, 3)).toEqual(['Afi', 'Komlan', 'Yao']);
  });

  test("un joueur sans but n'est pas classé", () => {
    expect(meilleursButeurs(joueurs, 10)).toEqual(['Afi', 'Komlan', 'Yao']);
  });
});
