export function normaliserNumero(saisie: string): string | null {
  // TODO : retirez espaces, points et tirets, puis l'indicatif ; vérifiez les 8 chiffres et formatez.
  return `+228 ${saisie}`;
}
