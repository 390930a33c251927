export function minuteur(
  secondes: number,
  surTic: (restant: number) => void,
  surFin: () => void,
): () => void {
  if (secondes <= 0) {
    surFin();
    return () => {};
  }
  let restant = secondes;
  const intervalle = setInterval(() => {
    restant -= 1;
    if (restant > 0) {
      surTic(restant);
      return;
    }
    clearInterval(intervalle);
    surFin();
  }, 1000);
  return () => clearInterval(intervalle);
}
