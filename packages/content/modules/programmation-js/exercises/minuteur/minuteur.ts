export function minuteur(
  secondes: number,
  surTic: (restant: number) => void,
  surFin: () => void,
): () => void {
  // À compléter : ce minuteur sonne tout de suite, sans compter les secondes (ni appeler surTic).
  surFin();
  return () => {};
}
