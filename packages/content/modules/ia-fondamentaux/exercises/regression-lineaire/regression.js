export function ajusterDroite(xs, ys) {
  const n = xs.length;
  const moyenneX = xs.reduce((s, x) => s + x, 0) / n;
  const moyenneY = ys.reduce((s, y) => s + y, 0) / n;
  // À compléter : calculez la pente par la formule des moindres carrés
  // (et refusez les données qui ne permettent pas de la calculer).
  const pente = 0;
  return { pente, ordonnee: moyenneY - pente * moyenneX };
}

export function predire(modele, x) {
  return modele.pente * x + modele.ordonnee;
}
