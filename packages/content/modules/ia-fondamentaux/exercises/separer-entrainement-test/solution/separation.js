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
  for (let i = copie.length - 1; i >= 1; i--) {
    const j = Math.floor(aleatoire() * (i + 1));
    [copie[i], copie[j]] = [copie[j], copie[i]];
  }
  return copie;
}

export function separerEntrainementTest(donnees, partTest, graine) {
  const melange = melanger(donnees, mulberry32(graine));
  const nTest = Math.round(donnees.length * partTest);
  return { test: melange.slice(0, nTest), entrainement: melange.slice(nTest) };
}
