export function aRendre(prixUnitaire, quantite, billet) {
  // TODO : calculez le prix total, puis la monnaie à rendre.
  return billet;
}
