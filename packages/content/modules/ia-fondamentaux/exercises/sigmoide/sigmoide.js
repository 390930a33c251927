export function sigmoide(z) {
  // À compléter : cette « marche » renvoie 0 ou 1, pas une probabilité entre les deux.
  return z > 0 ? 1 : 0;
}

export function probabilite(poids, biais, x) {
  let z = 0;
  for (let i = 0; i < poids.length; i++) {
    z += poids[i] * x[i];
  }
  // À corriger : le biais a été oublié.
  return sigmoide(z);
}
