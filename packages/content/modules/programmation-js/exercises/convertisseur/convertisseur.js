export function creerConvertisseur(taux, decimales = 0) {
  // À compléter : la fonction renvoyée doit convertir avec taux, puis arrondir à `decimales` chiffres.
  return (montant) => montant + decimales;
}
