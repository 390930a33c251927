export function moisPourEpargner(objectif, depart, augmentation) {
  // À compléter : ce calcul oublie que l'épargne augmente chaque mois, et les cas particuliers.
  // Avec une boucle while, ajoutez l'épargne de chaque mois jusqu'à atteindre l'objectif.
  const versementMoyen = depart + augmentation;
  return Math.ceil(objectif / versementMoyen);
}
