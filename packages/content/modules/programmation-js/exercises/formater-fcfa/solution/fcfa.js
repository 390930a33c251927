export function formaterFcfa(montant) {
  const signe = montant < 0 ? '-' : '';
  let chiffres = String(Math.abs(montant));
  const groupes = [];
  // On découpe par la fin : les 3 derniers chiffres, puis les 3 précédents…
  while (chiffres.length > 3) {
    groupes.unshift(chiffres.slice(-3));
    chiffres = chiffres.slice(0, -3);
  }
  groupes.unshift(chiffres);
  return `${signe}${groupes.join(' ')} FCFA`;
}
