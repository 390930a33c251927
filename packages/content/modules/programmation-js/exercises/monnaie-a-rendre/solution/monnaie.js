export function aRendre(prixUnitaire, quantite, billet) {
  const total = prixUnitaire * quantite;
  return billet - total;
}
