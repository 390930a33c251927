export type Joueur = { nom: string; equipe: string; buts: number };

export function meilleursButeurs(joueurs: Joueur[], n: number): string[] {
  return joueurs
    .filter((j) => j.buts > 0) // filter renvoie un nouveau tableau : sort ne touche pas à l'original
    .sort((a, b) => b.buts - a.buts || a.nom.localeCompare(b.nom, 'fr'))
    .slice(0, n)
    .map((j) => j.nom);
}
