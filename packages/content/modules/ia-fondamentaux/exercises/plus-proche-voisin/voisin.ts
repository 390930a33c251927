export type Point = { x: number; y: number };
export type Exemple = { x: number; y: number; classe: string };

export function distance(a: Point, b: Point): number {
  return Math.hypot(a.x - b.x, a.y - b.y);
}

export function classer(point: Point, exemples: Exemple[]): string | null {
  // À compléter : cette ligne renvoie la classe du premier exemple, pas du plus proche.
  // Utilisez distance(point, exemple) pour trouver l'exemple le plus proche.
  return exemples[0]?.classe ?? null;
}
