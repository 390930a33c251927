export function plusLongueSerie(resultats) {
  let victoires = 0;
  for (const resultat of resultats) {
    // À compléter : ce compteur compte toutes les victoires, pas la plus longue série d'affilée.
    if (resultat === 'V') {
      victoires = victoires + 1;
    }
  }
  return victoires;
}
