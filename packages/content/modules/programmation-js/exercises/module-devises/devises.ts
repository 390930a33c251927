export type Devise = 'XOF' | 'EUR';

// TODO : la parité exacte est 655,957 FCFA pour 1 €.
export const PARITE_EURO = 655;

// TODO : cet outil interne ne doit pas être exporté.
export function arrondir(valeur: number, decimales: number): number {
  const facteur = 10 ** decimales;
  return Math.round(valeur * facteur) / facteur;
}

export function versEuros(fcfa: number): number {
  // TODO : divisez par la parité, puis arrondissez au centime.
  return fcfa;
}

export function versFcfa(euros: number): number {
  // TODO : multipliez par la parité, puis arrondissez au franc.
  return euros;
}

export default function convertir(montant: number, de: Devise, vers: Devise): number {
  // TODO : d'une monnaie vers elle-même, rien ne change ; sinon, choisissez la bonne conversion.
  return de === 'EUR' && vers === 'XOF' ? montant * 655 : montant;
}
