export type Operation =
  | { type: 'depot'; montant: number }
  | { type: 'retrait'; montant: number }
  | { type: 'transfert'; montant: number; vers: string };

export function frais(operation: Operation): number {
  // TODO : dépôt gratuit ; retrait 1 % arrondi au franc supérieur, 100 FCFA au moins ;
  // transfert gratuit jusqu'à 5 000 FCFA, 100 FCFA au-delà. Cette version ne fait payer que les retraits.
  return operation.type === 'retrait' ? 100 : 0;
}

export function appliquer(solde: number, operation: Operation): number {
  // TODO : vérifiez le montant, calculez les frais, vérifiez le solde, puis renvoyez le nouveau solde.
  return solde + operation.montant;
}
