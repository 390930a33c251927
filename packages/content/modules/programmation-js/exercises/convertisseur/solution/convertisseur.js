export function creerConvertisseur(taux, decimales = 0) {
  const facteur = 10 ** decimales;
  // La fonction renvoyée se souvient de taux et de facteur : c'est une fermeture (closure).
  return (montant) => Math.round(montant * taux * facteur) / facteur;
}
