export function variations(prix) {
  // TODO : pour chaque jour à partir du deuxième, calculez prix du jour - prix de la veille.
  return prix;
}
