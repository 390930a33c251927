export class SoldeInsuffisant extends Error {
  constructor(solde: number, montant: number) {
    super(`Solde insuffisant : ${solde} € disponibles, ${montant} € demandés`);
    this.name = 'SoldeInsuffisant';
  }
}

function verifier(montant: number): void {
  if (!(montant > 0)) {
    throw new RangeError(`Montant invalide : ${montant}`);
  }
}

export class Compte {
  #solde = 0;

  get solde(): number {
    return this.#solde;
  }

  deposer(montant: number): void {
    verifier(montant);
    this.#solde += montant;
  }

  retirer(montant: number): void {
    verifier(montant);
    if (montant > this.#solde) {
      throw new SoldeInsuffisant(this.#solde, montant);
    }
    this.#solde -= montant;
  }
}
