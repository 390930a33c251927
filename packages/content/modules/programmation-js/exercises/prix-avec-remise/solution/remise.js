export function prixFinal(prix, quantite = 1, remisePourcent = 0) {
  const remise = Math.min(100, Math.max(0, remisePourcent));
  const brut = prix * quantite;
  return Math.round(brut * (1 - remise / 100));
}
