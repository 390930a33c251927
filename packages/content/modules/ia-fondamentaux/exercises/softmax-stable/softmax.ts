export function softmax(scores: number[]): number[] {
  // À corriger : cette formule directe déborde (NaN) quand les scores sont grands.
  const exps = scores.map((s) => Math.exp(s));
  const total = exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => e / total);
}

export function classePredite(scores: number[]): number {
  // À compléter : l'indice du plus grand score.
  return scores.length > 0 ? 0 : -1;
}
