export function lireNote(texte) {
  // TODO : remplacez la virgule, convertissez, puis levez une Error ou une RangeError si besoin.
  return Number(texte);
}
