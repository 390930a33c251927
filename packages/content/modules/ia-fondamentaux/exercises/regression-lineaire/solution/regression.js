export function ajusterDroite(xs, ys) {
  if (xs.length !== ys.length) {
    throw new Error('xs et ys doivent avoir la même longueur.');
  }
  const n = xs.length;
  if (n < 2) {
    throw new Error('Il faut au moins deux points pour tracer une droite.');
  }
  const moyenneX = xs.reduce((s, x) => s + x, 0) / n;
  const moyenneY = ys.reduce((s, y) => s + y, 0) / n;
  let covariance = 0;
  let variance = 0;
  for (let i = 0; i < n; i++) {
    covariance += (xs[i] - moyenneX) * (ys[i] - moyenneY);
    variance += (xs[i] - moyenneX) ** 2;
  }
  if (variance === 0) {
    throw new Error('Tous les x sont égaux : la pente n’est pas définie.');
  }
  const pente = covariance / variance;
  return { pente, ordonnee: moyenneY - pente * moyenneX };
}

export function predire(modele, x) {
  return modele.pente * x + modele.ordonnee;
}
