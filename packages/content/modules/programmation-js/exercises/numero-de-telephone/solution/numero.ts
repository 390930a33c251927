export function normaliserNumero(saisie: string): string | null {
  let chiffres = saisie.replace(/[\s.-]/g, '');
  if (chiffres.startsWith('+228')) {
    chiffres = chiffres.slice(4);
  } else if (chiffres.startsWith('00228')) {
    chiffres = chiffres.slice(5);
  }
  if (!/^\d{8}$/.test(chiffres)) {
    return null;
  }
  const paires = [0, 2, 4, 6].map((i) => chiffres.slice(i, i + 2));
  return `+228 ${paires.join(' ')}`;
}
