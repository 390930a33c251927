export function attendre(ms, valeur) {
  // TODO : résolvez la promesse avec valeur au bout de ms millisecondes (setTimeout).
  return Promise.resolve(valeur);
}
