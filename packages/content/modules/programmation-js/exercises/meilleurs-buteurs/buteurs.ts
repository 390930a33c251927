export type Joueur = { nom: string; equipe: string; buts: number };

export function meilleursButeurs(joueurs: Joueur[], n: number): string[] {
  // TODO : gardez les buteurs, triez une copie (buts, puis nom), prenez les n premiers noms.
  return joueurs.slice(0, n).map((j) => j.nom);
}
