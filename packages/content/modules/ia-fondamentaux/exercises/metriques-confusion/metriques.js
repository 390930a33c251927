export function matriceConfusion(verites, predictions, positif) {
  const m = { vp: 0, fp: 0, fn: 0, vn: 0 };
  for (let i = 0; i < verites.length; i++) {
    // À compléter : seuls les vrais positifs sont comptés pour l'instant.
    if (verites[i] === positif && predictions[i] === positif) m.vp++;
  }
  return m;
}

export function precision(m) {
  // À compléter : vp ÷ (vp + fp), ou 0.
  return m.vp;
}

export function rappel(m) {
  // À compléter : vp ÷ (vp + fn), ou 0.
  return m.vp;
}

export function f1(m) {
  // À compléter : la moyenne harmonique de la précision et du rappel, ou 0.
  return (precision(m) + rappel(m)) / 2;
}
