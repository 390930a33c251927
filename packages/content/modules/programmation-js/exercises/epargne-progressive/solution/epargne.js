export function moisPourEpargner(objectif, depart, augmentation) {
  if (objectif <= 0) {
    return 0;
  }
  if (depart <= 0 && augmentation <= 0) {
    // L'épargne n'augmente jamais : la boucle ne s'arrêterait pas.
    return Infinity;
  }
  let total = 0;
  let versement = depart;
  let mois = 0;
  while (total < objectif) {
    total = total + versement;
    versement = versement + augmentation;
    mois = mois + 1;
  }
  return mois;
}
