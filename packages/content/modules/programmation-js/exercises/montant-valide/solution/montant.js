export function estMontantValide(valeur) {
  if (typeof valeur !== 'number') {
    return false;
  }
  // Number.isInteger refuse aussi NaN, Infinity et -Infinity.
  return Number.isInteger(valeur) && valeur >= 0;
}
