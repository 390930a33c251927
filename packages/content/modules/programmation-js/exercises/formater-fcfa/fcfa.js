export function formaterFcfa(montant) {
  // TODO : groupez les chiffres par trois en partant de la droite, sans oublier le signe.
  return `${montant} FCFA`;
}
