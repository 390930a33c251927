// Partie 1 (fournie) : les opérations et leurs frais.
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

// Partie 2 : le relevé.

/** Une ligne du relevé : l'opération, ses frais et le solde après elle (ou le motif du refus). */
export type Ligne = {
  type: Operation['type'];
  montant: number;
  frais: number;
  solde: number;
  refus?: string;
};

export type Releve = { lignes: Ligne[]; soldeFinal: number; totalFrais: number };

export function releve(soldeInitial: number, operations: Operation[]): Releve {
  const lignes: Ligne[] = [];
  let solde = soldeInitial;
  for (const operation of operations) {
    // À compléter : appliquer lève une erreur pour une opération impossible, et tout s'arrête.
    // Attrapez-la (try…catch) : une opération refusée ne change pas le solde, n'a pas de frais,
    // et sa ligne porte le message de l'erreur dans refus. Calculez aussi totalFrais.
    solde = appliquer(solde, operation);
    lignes.push({ type: operation.type, montant: operation.montant, frais: 0, solde });
  }
  return { lignes, soldeFinal: solde, totalFrais: 0 };
}
