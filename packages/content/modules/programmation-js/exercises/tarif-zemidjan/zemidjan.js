export function tarifZemidjan(distanceKm, nuit) {
  // À compléter : cette version fait payer 100 FCFA par kilomètre, même pour une course nulle,
  // sans tarif de base ni supplément de nuit. Appliquez les règles de l'énoncé.
  let prix = distanceKm * 100;
  if (nuit) {
    // TODO : le supplément de nuit.
  }
  return prix;
}
