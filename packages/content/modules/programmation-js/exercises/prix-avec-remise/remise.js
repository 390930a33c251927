export function prixFinal(prix, quantite, remisePourcent) {
  // À compléter : donnez des valeurs par défaut à quantite et remisePourcent, bornez la remise
  // entre 0 et 100, et arrondissez au franc. Cette version soustrait la remise comme des francs.
  return prix * quantite - remisePourcent;
}
