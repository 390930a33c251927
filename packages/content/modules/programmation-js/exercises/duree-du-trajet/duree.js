export function dureeLisible(minutes) {
  // TODO : calculez les heures (quotient) et les minutes restantes (reste de la division par 60).
  return `${minutes} min`;
}
