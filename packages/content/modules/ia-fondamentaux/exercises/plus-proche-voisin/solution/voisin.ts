export type Point = { x: number; y: number };
export type Exemple = { x: number; y: number; classe: string };

export function distance(a: Point, b: Point): number {
  return Math.hypot(a.x - b.x, a.y - b.y);
}

export function classer(point: Point, exemples: Exemple[]): string | null {
  let meilleur: Exemple | null = null;
  let meilleureDistance = Infinity;
  for (const exemple of exemples) {
    const d = distance(point, exemple);
    // Strictement plus proche : à égalité, le premier exemple rencontré est gardé.
    if (d < meilleureDistance) {
      meilleur = exemple;
      meilleureDistance = d;
    }
  }
  return meilleur ? meilleur.classe : null;
}
