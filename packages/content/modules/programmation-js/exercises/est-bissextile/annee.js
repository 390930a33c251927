export function estBissextile(annee) {
  // Incomplet : cette règle oublie les années divisibles par 100 (et par 400).
  return annee % 4 === 0;
}
