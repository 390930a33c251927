export function compterVotes(bulletins) {
  const voix = {};
  for (const bulletin of bulletins) {
    // À compléter : ignorez les bulletins blancs, retirez les espaces autour du nom,
    // et ajoutez une voix au lieu de la remettre à 1.
    voix[bulletin] = 1;
  }
  return voix;
}

export function elu(bulletins) {
  // À compléter : comptez les votes, puis cherchez le nom qui a le plus de voix.
  return bulletins[0] ?? null;
}
