export function normaliserMinMax(valeurs) {
  const max = Math.max(...valeurs);
  // À compléter : diviser par le maximum ne suffit pas, il faut d'abord soustraire le minimum.
  return valeurs.map((x) => x / max);
}

export function appliquerMinMax(x, min, max) {
  // À compléter : la même formule, avec le min et le max donnés.
  return x / max;
}
