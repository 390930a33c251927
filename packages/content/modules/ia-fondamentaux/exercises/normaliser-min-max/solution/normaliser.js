export function normaliserMinMax(valeurs) {
  if (valeurs.length === 0) {
    return [];
  }
  const min = Math.min(...valeurs);
  const max = Math.max(...valeurs);
  return valeurs.map((x) => appliquerMinMax(x, min, max));
}

export function appliquerMinMax(x, min, max) {
  if (max === min) {
    return 0;
  }
  return (x - min) / (max - min);
}
