export function lireNote(texte) {
  const propre = texte.trim().replace(',', '.');
  const note = Number(propre);
  if (propre === '' || Number.isNaN(note)) {
    throw new Error(`Note illisible : « ${texte} »`);
  }
  if (note < 0 || note > 20) {
    throw new RangeError(`Note hors barème : ${note}`);
  }
  return note;
}
