export function plusLongueSerie(resultats) {
  let enCours = 0;
  let meilleure = 0;
  for (const resultat of resultats) {
    if (resultat === 'V') {
      enCours = enCours + 1;
      if (enCours > meilleure) {
        meilleure = enCours;
      }
    } else {
      enCours = 0;
    }
  }
  return meilleure;
}
