export function estMontantValide(valeur) {
  // TODO : vérifiez le type de la valeur, puis qu'elle est entière et positive ou nulle.
  return valeur >= 0;
}
