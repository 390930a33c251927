export function compterVotes(bulletins) {
  const voix = {};
  for (const bulletin of bulletins) {
    const nom = bulletin.trim();
    if (nom === '') {
      continue; // bulletin blanc
    }
    voix[nom] = (voix[nom] ?? 0) + 1;
  }
  return voix;
}

export function elu(bulletins) {
  let gagnant = null;
  let meilleur = 0;
  // Les noms sont dans l'ordre de leur première apparition : > (et non >=) garde le premier ex æquo.
  for (const [nom, nombre] of Object.entries(compterVotes(bulletins))) {
    if (nombre > meilleur) {
      gagnant = nom;
      meilleur = nombre;
    }
  }
  return gagnant;
}
