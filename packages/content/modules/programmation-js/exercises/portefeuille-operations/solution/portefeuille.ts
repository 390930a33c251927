export type Operation =
  | { type: 'depot'; montant: number }
  | { type: 'retrait'; montant: number }
  | { type: 'transfert'; montant: number; vers: string };

/** Les frais d'une opération, selon la grille de l'opérateur. */
export function frais(operation: Operation): number {
  switch (operation.type) {
    case 'depot':
      return 0;
    case 'retrait':
      return Math.max(100, Math.ceil(operation.montant / 100));
    case 'transfert':
      return operation.montant <= 5000 ? 0 : 100;
  }
}

/** Le solde après l'opération ; lève une erreur (sans rien changer) quand elle est impossible. */
export function appliquer(solde: number, operation: Operation): number {
  const { montant } = operation;
  if (!Number.isInteger(montant) || montant <= 0) {
    throw new RangeError(`Montant invalide : ${montant}`);
  }
  if (operation.type === 'depot') {
    return solde + montant;
  }
  const total = montant + frais(operation);
  if (total > solde) {
    throw new Error('Solde insuffisant');
  }
  return solde - total;
}
