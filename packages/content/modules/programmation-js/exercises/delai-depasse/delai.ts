export class DelaiDepasse extends Error {
  constructor(ms: number) {
    // À compléter : le message indique le délai, et le name de l'erreur est 'DelaiDepasse'.
    super(`Délai : ${ms}`);
  }
}

export function avecDelai<T>(promesse: Promise<T>, ms: number): Promise<T> {
  // À compléter : cette version attend la réponse sans limite (sauf pour un délai nul). Rejetez avec
  // une DelaiDepasse si la réponse n'arrive pas en ms millisecondes, et annulez alors le minuteur.
  return ms > 0 ? promesse : Promise.reject(new DelaiDepasse(ms));
}
