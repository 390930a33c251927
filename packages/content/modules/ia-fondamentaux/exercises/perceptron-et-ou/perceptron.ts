export type Exemple = { entrees: number[]; cible: 0 | 1 };
export type Resultat = { poids: number[]; biais: number; epoques: number; converge: boolean };

export function predire(poids: number[], biais: number, entrees: number[]): 0 | 1 {
  let s = biais;
  for (let i = 0; i < poids.length; i++) s += (poids[i] ?? 0) * (entrees[i] ?? 0);
  // À corriger : la règle est « 1 si s > 0 », strictement.
  return s >= 0 ? 1 : 0;
}

export function entrainer(exemples: Exemple[], maxEpoques: number, taux = 1): Resultat {
  const poids = new Array<number>(exemples[0]?.entrees.length ?? 0).fill(0);
  let biais = 0;
  let epoques = 0;
  while (epoques < maxEpoques) {
    epoques++;
    for (const { entrees, cible } of exemples) {
      const erreur = cible - predire(poids, biais, entrees);
      biais += taux * erreur;
      // À compléter : corriger aussi chaque poids, de taux × erreur × entrees[i].
    }
    // À compléter : compter les erreurs de l'époque, et s'arrêter (converge) après une époque sans erreur.
  }
  return { poids, biais, epoques, converge: false };
}
