export function sigmoide(z) {
  if (z >= 0) {
    return 1 / (1 + Math.exp(-z));
  }
  // z < 0 : e^z est petit, aucun dépassement possible.
  const e = Math.exp(z);
  return e / (1 + e);
}

export function probabilite(poids, biais, x) {
  let z = biais;
  for (let i = 0; i < poids.length; i++) {
    z += poids[i] * x[i];
  }
  return sigmoide(z);
}
