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
  let totalFrais = 0;
  for (const operation of operations) {
    const { type, montant } = operation;
    try {
      solde = appliquer(solde, operation);
      const coutFrais = frais(operation);
      totalFrais += coutFrais;
      lignes.push({ type, montant, frais: coutFrais, solde });
    } catch (erreur) {
      // appliquer n'a rien changé : on note le refus et on passe à l'opération suivante.
      lignes.push({ type, montant, frais: 0, solde, refus: (erreur as Error).message });
    }
  }
  return { lignes, soldeFinal: solde, totalFrais };
}
