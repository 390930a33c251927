export type Devise = 'XOF' | 'EUR';

export const PARITE_EURO = 655.957;

/** Sans export : un détail de ce module, que les autres fichiers n'ont pas à connaître. */
function arrondir(valeur: number, decimales: number): number {
  const facteur = 10 ** decimales;
  return Math.round(valeur * facteur) / facteur;
}

export function versEuros(fcfa: number): number {
  return arrondir(fcfa / PARITE_EURO, 2);
}

export function versFcfa(euros: number): number {
  return arrondir(euros * PARITE_EURO, 0);
}

export default function convertir(montant: number, de: Devise, vers: Devise): number {
  if (de === vers) {
    return montant;
  }
  return de === 'XOF' ? versEuros(montant) : versFcfa(montant);
}
