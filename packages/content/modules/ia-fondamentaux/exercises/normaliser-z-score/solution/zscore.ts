export function moyenne(valeurs: number[]): number {
  if (valeurs.length === 0) return 0;
  return valeurs.reduce((somme, x) => somme + x, 0) / valeurs.length;
}

export function ecartType(valeurs: number[]): number {
  if (valeurs.length === 0) return 0;
  const mu = moyenne(valeurs);
  const variance = valeurs.reduce((somme, x) => somme + (x - mu) ** 2, 0) / valeurs.length;
  return Math.sqrt(variance);
}

export function zScores(valeurs: number[]): number[] {
  const mu = moyenne(valeurs);
  const sigma = ecartType(valeurs);
  if (sigma === 0) return valeurs.map(() => 0);
  return valeurs.map((x) => (x - mu) / sigma);
}
