export function erreurQuadratiqueMoyenne(predictions: number[], verites: number[]): number {
  let somme = 0;
  for (let i = 0; i < verites.length; i++) {
    // À compléter : on additionne ici l'écart, il faut additionner l'écart AU CARRÉ.
    somme += (predictions[i] ?? 0) - (verites[i] ?? 0);
  }
  return somme;
}

export function racineEQM(predictions: number[], verites: number[]): number {
  // À compléter : la racine carrée de l'EQM.
  return erreurQuadratiqueMoyenne(predictions, verites);
}
