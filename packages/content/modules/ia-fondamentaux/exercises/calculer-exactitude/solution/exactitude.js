export function exactitude(predictions, verites) {
  if (predictions.length !== verites.length) {
    throw new Error('Les prédictions et les vraies classes doivent avoir la même longueur.');
  }
  if (verites.length === 0) {
    return 0;
  }
  let bonnes = 0;
  for (let i = 0; i < verites.length; i++) {
    if (predictions[i] === verites[i]) {
      bonnes++;
    }
  }
  return bonnes / verites.length;
}
