export function somme(nombres) {
  // À corriger : cette ligne compte les nombres au lieu de les additionner.
  return nombres.length;
}
