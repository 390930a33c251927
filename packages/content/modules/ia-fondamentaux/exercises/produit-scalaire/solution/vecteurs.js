export function produitScalaire(a, b) {
  if (a.length !== b.length) {
    throw new Error('Les deux vecteurs doivent avoir la même longueur.');
  }
  let somme = 0;
  for (let i = 0; i < a.length; i++) {
    somme += a[i] * b[i];
  }
  return somme;
}

export function norme(a) {
  return Math.sqrt(produitScalaire(a, a));
}

export function similariteCosinus(a, b) {
  const na = norme(a);
  const nb = norme(b);
  if (na === 0 || nb === 0) {
    return 0;
  }
  return produitScalaire(a, b) / (na * nb);
}
