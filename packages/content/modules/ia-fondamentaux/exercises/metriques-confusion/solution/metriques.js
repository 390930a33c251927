export function matriceConfusion(verites, predictions, positif) {
  if (verites.length !== predictions.length) {
    throw new Error('Les vérités et les prédictions doivent avoir la même longueur.');
  }
  const m = { vp: 0, fp: 0, fn: 0, vn: 0 };
  for (let i = 0; i < verites.length; i++) {
    const vraiPositif = verites[i] === positif;
    const preditPositif = predictions[i] === positif;
    if (vraiPositif && preditPositif) m.vp++;
    else if (!vraiPositif && preditPositif) m.fp++;
    else if (vraiPositif && !preditPositif) m.fn++;
    else m.vn++;
  }
  return m;
}

export function precision(m) {
  return m.vp + m.fp === 0 ? 0 : m.vp / (m.vp + m.fp);
}

export function rappel(m) {
  return m.vp + m.fn === 0 ? 0 : m.vp / (m.vp + m.fn);
}

export function f1(m) {
  const p = precision(m);
  const r = rappel(m);
  return p + r === 0 ? 0 : (2 * p * r) / (p + r);
}
