export type Transfert = { vers: string; montant: number };

export async function envoyerAvecReprise(
  envoyer: (transfert: Transfert) => Promise<string>,
  transfert: Transfert,
  tentatives = 3,
  pauseMs = 2000,
): Promise<string> {
  // À compléter : cette version n'essaie qu'une fois. En cas d'échec, attendez pauseMs (puis le
  // double…) et réessayez, jusqu'à `tentatives` appels en tout.
  console.log(`Envoi de ${transfert.montant} FCFA (${tentatives} tentatives, pause de ${pauseMs} ms)`);
  return envoyer(transfert);
}
