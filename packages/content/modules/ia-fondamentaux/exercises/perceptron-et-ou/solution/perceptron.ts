export type Exemple = { entrees: number[]; cible: 0 | 1 };
export type Resultat = { poids: number[]; biais: number; epoques: number; converge: boolean };

export function predire(poids: number[], biais: number, entrees: number[]): 0 | 1 {
  let s = biais;
  for (let i = 0; i < poids.length; i++) s += (poids[i] ?? 0) * (entrees[i] ?? 0);
  return s > 0 ? 1 : 0;
}

export function entrainer(exemples: Exemple[], maxEpoques: number, taux = 1): Resultat {
  const poids = new Array<number>(exemples[0]?.entrees.length ?? 0).fill(0);
  let biais = 0;
  let epoques = 0;
  while (epoques < maxEpoques) {
    epoques++;
    let erreurs = 0;
    for (const { entrees, cible } of exemples) {
      const erreur = cible - predire(poids, biais, entrees);
      if (erreur !== 0) {
        erreurs++;
        for (let i = 0; i < poids.length; i++) poids[i] = (poids[i] ?? 0) + taux * erreur * (entrees[i] ?? 0);
        biais += taux * erreur;
      }
    }
    if (erreurs === 0) return { poids, biais, epoques, converge: true };
  }
  return { poids, biais, epoques, converge: false };
}
