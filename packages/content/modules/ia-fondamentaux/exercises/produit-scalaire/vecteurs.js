export function produitScalaire(a, b) {
  let somme = 0;
  for (let i = 0; i < a.length; i++) {
    // À corriger : on additionne a[i] et b[i] au lieu de les multiplier.
    somme += a[i] + b[i];
  }
  // À compléter : refusez deux vecteurs de longueurs différentes.
  return somme;
}

export function norme(a) {
  // À compléter : la racine carrée du produit scalaire de a avec lui-même.
  return a.length;
}

export function similariteCosinus(a, b) {
  // À compléter : (a · b) ÷ (‖a‖ × ‖b‖), et 0 si l'un des vecteurs est nul.
  return produitScalaire(a, b);
}
