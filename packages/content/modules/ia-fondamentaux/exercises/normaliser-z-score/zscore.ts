export function moyenne(valeurs: number[]): number {
  if (valeurs.length === 0) return 0;
  return valeurs.reduce((somme, x) => somme + x, 0) / valeurs.length;
}

export function ecartType(valeurs: number[]): number {
  // À compléter : la racine de la moyenne des carrés des écarts à la moyenne.
  return valeurs.length === 0 ? 0 : 1;
}

export function zScores(valeurs: number[]): number[] {
  const mu = moyenne(valeurs);
  // À compléter : il manque la division par l'écart-type (et le cas σ = 0).
  return valeurs.map((x) => x - mu);
}
