export function softmax(scores: number[]): number[] {
  if (scores.length === 0) return [];
  const m = Math.max(...scores);
  const exps = scores.map((s) => Math.exp(s - m));
  const total = exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => e / total);
}

export function classePredite(scores: number[]): number {
  let meilleur = -1;
  for (let i = 0; i < scores.length; i++) {
    if (meilleur === -1 || (scores[i] ?? -Infinity) > (scores[meilleur] ?? -Infinity)) meilleur = i;
  }
  return meilleur;
}
