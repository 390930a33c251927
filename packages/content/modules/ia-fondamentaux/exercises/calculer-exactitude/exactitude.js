export function exactitude(predictions, verites) {
  let bonnes = 0;
  // À compléter : comparez predictions[i] à verites[i] et comptez les bonnes prédictions.
  return bonnes / verites.length;
}
