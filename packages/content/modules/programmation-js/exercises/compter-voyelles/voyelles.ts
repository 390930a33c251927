export function compterVoyelles(texte: string): number {
  // À corriger : cette ligne compte tous les caractères, pas seulement les voyelles.
  return texte.length;
}
