export type Gradients = { dw: number; db: number };
export type Modele = { w: number; b: number };

export function perte(w: number, b: number, xs: number[], ys: number[]): number {
  let somme = 0;
  for (let i = 0; i < xs.length; i++) {
    const ecart = w * (xs[i] ?? 0) + b - (ys[i] ?? 0);
    somme += ecart * ecart;
  }
  return somme / xs.length;
}

export function gradients(w: number, b: number, xs: number[], ys: number[]): Gradients {
  const n = xs.length;
  let dw = 0;
  let db = 0;
  for (let i = 0; i < n; i++) {
    const ecart = w * (xs[i] ?? 0) + b - (ys[i] ?? 0);
    db += ecart;
    // À corriger : pour dw, chaque écart doit être multiplié par son x.
    dw += ecart;
  }
  // À compléter : chaque somme doit encore être multipliée par 2/n.
  return { dw, db };
}

export function pasDeGradient(w: number, b: number, xs: number[], ys: number[], taux: number): Modele {
  const { dw, db } = gradients(w, b, xs, ys);
  // À corriger : on descend la pente, on ne la monte pas.
  return { w: w + taux * dw, b: b + taux * db };
}
