export type Transfert = { vers: string; montant: number };

/** Une promesse résolue au bout de ms millisecondes. */
const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function envoyerAvecReprise(
  envoyer: (transfert: Transfert) => Promise<string>,
  transfert: Transfert,
  tentatives = 3,
  pauseMs = 2000,
): Promise<string> {
  if (tentatives < 1) {
    throw new RangeError(`Il faut au moins une tentative (reçu : ${tentatives})`);
  }
  let attente = pauseMs;
  for (let essai = 1; ; essai++) {
    try {
      return await envoyer(transfert);
    } catch (erreur) {
      if (essai >= tentatives) {
        throw erreur;
      }
      await pause(attente);
      attente *= 2;
    }
  }
}
