export function erreurQuadratiqueMoyenne(predictions: number[], verites: number[]): number {
  if (predictions.length !== verites.length) {
    throw new Error('Les prédictions et les vraies valeurs doivent avoir la même longueur.');
  }
  if (verites.length === 0) {
    return 0;
  }
  let somme = 0;
  for (let i = 0; i < verites.length; i++) {
    const ecart = (predictions[i] ?? 0) - (verites[i] ?? 0);
    somme += ecart * ecart;
  }
  return somme / verites.length;
}

export function racineEQM(predictions: number[], verites: number[]): number {
  return Math.sqrt(erreurQuadratiqueMoyenne(predictions, verites));
}
