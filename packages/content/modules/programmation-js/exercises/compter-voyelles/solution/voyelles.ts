const VOYELLES = 'aeiouy';

export function compterVoyelles(texte: string): number {
  let total = 0;
  // NFD sépare les accents des lettres : « é » devient « e » suivi d'un accent, qui n'est pas compté.
  for (const lettre of texte.normalize('NFD').toLowerCase()) {
    if (VOYELLES.includes(lettre)) {
      total++;
    }
  }
  return total;
}
