export function attendre(ms, valeur) {
  return new Promise((resolve) => {
    setTimeout(() => resolve(valeur), ms);
  });
}
