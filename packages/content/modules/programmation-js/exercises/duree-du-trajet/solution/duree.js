export function dureeLisible(minutes) {
  const heures = Math.floor(minutes / 60);
  const reste = minutes % 60;
  return `${heures} h ${reste} min`;
}
