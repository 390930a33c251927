// Un perceptron qui marche : n'y touchez pas, utilisez-le.
export function predire(modele, entrees) {
  let s = modele.biais;
  for (let i = 0; i < modele.poids.length; i++) s += modele.poids[i] * entrees[i];
  return s > 0 ? 1 : 0;
}

/** Une époque : corrige `modele` exemple après exemple et renvoie le nombre d'erreurs. */
export function uneEpoque(modele, exemples, taux = 1) {
  let erreurs = 0;
  for (const { entrees, cible } of exemples) {
    const erreur = cible - predire(modele, entrees);
    if (erreur !== 0) {
      erreurs++;
      for (let i = 0; i < modele.poids.length; i++) modele.poids[i] += taux * erreur * entrees[i];
      modele.biais += taux * erreur;
    }
  }
  return erreurs;
}

export function erreursParEpoque(exemples, epoques, taux = 1) {
  const modele = { poids: new Array(exemples[0].entrees.length).fill(0), biais: 0 };
  // À compléter : appelez uneEpoque `epoques` fois et gardez chaque nombre d'erreurs.
  return [uneEpoque(modele, exemples, taux)];
}

export function converge(exemples, maxEpoques, taux = 1) {
  // À compléter : le numéro de la première époque sans erreur, ou null.
  return erreursParEpoque(exemples, maxEpoques, taux).length;
}
