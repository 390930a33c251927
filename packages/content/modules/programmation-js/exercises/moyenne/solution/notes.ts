export function moyenne(notes: number[]): number | null {
  if (notes.length === 0) {
    return null;
  }
  const total = notes.reduce((somme, note) => somme + note, 0);
  return Math.round((total / notes.length) * 100) / 100;
}
