/**
 * Générateur pseudo-aléatoire mulberry32 (domaine public) : une graine entière donne toujours la même
 * suite de nombres dans [0, 1[.
 */
export function mulberry32(graine) {
  let a = graine >>> 0;
  return function () {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function melanger(tableau, aleatoire) {
  const copie = [...tableau];
  // À corriger : trier avec un comparateur au hasard ne mélange pas uniformément, et ce n'est pas
  // l'algorithme demandé. Écrivez Fisher–Yates : de i = n − 1 jusqu'à 1, avec aleatoire().
  return copie.sort(() => aleatoire() - 0.5);
}

export function separerEntrainementTest(donnees, partTest, graine) {
  const melange = melanger(donnees, mulberry32(graine));
  // À compléter : les Math.round(n × partTest) premiers pour le test, le reste pour l'entraînement.
  return { entrainement: melange, test: [] };
}
