export type Point = [number, number];

export type Resultat = { centres: Point[]; affectations: number[]; iterations: number };

function distance2(a: Point, b: Point): number {
  return (a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2;
}

export function plusProcheCentre(point: Point, centres: Point[]): number {
  // À compléter : l'indice du centre le plus proche de point (le premier en cas d'égalité).
  // distance2(a, b) donne le carré de la distance : il suffit pour comparer.
  return centres.length > 0 ? 0 : -1;
}

export function kMoyennes(points: Point[], centresInitiaux: Point[], maxIterations: number): Resultat {
  const centres: Point[] = centresInitiaux.map(([x, y]) => [x, y]);
  let affectations: number[] = [];
  let iterations = 0;
  while (iterations < maxIterations) {
    iterations++;
    affectations = points.map((p) => plusProcheCentre(p, centres));
    // À compléter : s'arrêter si aucune affectation n'a changé depuis le tour précédent ; sinon,
    // déplacer chaque centre à la moyenne de ses points (un centre sans point ne bouge pas).
  }
  return { centres, affectations, iterations };
}

/** La somme des carrés des distances de chaque point à son centre : plus elle est petite, mieux c'est. */
export function inertie(points: Point[], centres: Point[], affectations: number[]): number {
  return points.reduce((s, p, i) => s + distance2(p, centres[affectations[i] ?? 0]!), 0);
}

// ---------- Les données : trois nuages générés ----------

/**
 * Générateur pseudo-aléatoire mulberry32 (domaine public) : une graine entière donne toujours la même
 * suite de nombres dans [0, 1[.
 */
export function mulberry32(graine: number): () => number {
  let a = graine >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Les centres des trois nuages qu'on génère. */
export const CENTRES_VRAIS: Point[] = [
  [2, 2],
  [8, 3],
  [5, 8],
];

/**
 * Trois nuages de points : autour de chaque centre vrai, `parNuage` points tirés selon une loi normale
 * d'écart-type `ecart` (méthode de Box–Muller), arrondis au centième. Nuage après nuage : les points 0 à
 * 19 viennent du premier, 20 à 39 du deuxième, 40 à 59 du troisième. Même graine, mêmes points.
 */
export function genererNuages(graine = 2026, parNuage = 20, ecart = 0.8): Point[] {
  const aleatoire = mulberry32(graine);
  const normale = () => {
    const u = 1 - aleatoire(); // dans ]0, 1] : le logarithme reste fini
    const v = aleatoire();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  };
  const auCentieme = (x: number) => Math.round(x * 100) / 100;
  const points: Point[] = [];
  for (const [cx, cy] of CENTRES_VRAIS) {
    for (let i = 0; i < parNuage; i++) {
      points.push([auCentieme(cx + ecart * normale()), auCentieme(cy + ecart * normale())]);
    }
  }
  return points;
}

/** Les 60 points du module (graine 2026), les mêmes que data/nuages.csv. */
export const NUAGES: Point[] = genererNuages();
