export function variations(prix) {
  const resultat = [];
  for (let i = 1; i < prix.length; i++) {
    resultat.push(prix[i] - prix[i - 1]);
  }
  return resultat;
}
