export function tarifZemidjan(distanceKm, nuit) {
  if (distanceKm <= 0) {
    return 0;
  }
  let prix = 200;
  if (distanceKm > 2) {
    // Math.ceil compte chaque kilomètre commencé : 1,2 km au-delà de 2 km en font 2.
    prix = prix + Math.ceil(distanceKm - 2) * 100;
  }
  if (nuit) {
    prix = prix + 100;
  }
  return prix;
}
