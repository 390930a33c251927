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
    const x = xs[i] ?? 0;
    const ecart = w * x + b - (ys[i] ?? 0);
    dw += ecart * x;
    db += ecart;
  }
  return { dw: (2 / n) * dw, db: (2 / n) * db };
}

export function pasDeGradient(w: number, b: number, xs: number[], ys: number[], taux: number): Modele {
  const { dw, db } = gradients(w, b, xs, ys);
  return { w: w - taux * dw, b: b - taux * db };
}
