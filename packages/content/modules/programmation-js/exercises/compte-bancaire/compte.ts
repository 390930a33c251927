export class SoldeInsuffisant extends Error {
  constructor(solde: number, montant: number) {
    // À compléter : le message doit indiquer le solde disponible et le montant demandé.
    super(`Solde insuffisant (${solde}, ${montant})`);
  }
}

export class Compte {
  #solde = 0;

  get solde(): number {
    return this.#solde;
  }

  deposer(montant: number): void {
    this.#solde += montant;
  }

  retirer(montant: number): void {
    // À compléter : vérifiez le montant et le solde avant de retirer.
    this.#solde -= montant;
  }
}
