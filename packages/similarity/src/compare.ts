import type { Fingerprint, Span } from './types.ts';

/** A stretch of code found on both sides. */
export interface Region {
  left: Span;
  right: Span;
}

export interface Comparison {
  /** Dolos's similarity: (shared fingerprints of A + shared of B) / (all of A + all of B), in [0, 1]. */
  score: number;
  /** Distinct hashes found on both sides. */
  shared: number;
  regions: Region[];
}

/** At most this many pairings per shared hash: a line repeated ten times must not pair 100 spans. */
const MAX_PAIRINGS = 4;

/**
 * Compares two fingerprint lists (ignored hashes removed): the score in [0, 1] is Dolos's
 * similarity, (shared fingerprints of A + shared of B) / (all of A + all of B), and the matching
 * regions are merged line spans on each side.
 */
export function compare(a: Fingerprint[], b: Fingerprint[], ignored?: Set<number>): Comparison {
  const left = ignored === undefined ? a : a.filter((print) => !ignored.has(print.hash));
  const right = ignored === undefined ? b : b.filter((print) => !ignored.has(print.hash));
  const rightByHash = new Map<number, Span[]>();
  for (const print of right) {
    const spans = rightByHash.get(print.hash);
    if (spans === undefined) rightByHash.set(print.hash, [print.span]);
    else spans.push(print.span);
  }
  const leftHashes = new Set<number>();
  const pairs: Region[] = [];
  let sharedLeft = 0;
  for (const print of left) {
    const spans = rightByHash.get(print.hash);
    if (spans === undefined) continue;
    sharedLeft += 1;
    leftHashes.add(print.hash);
    for (const span of spans.slice(0, MAX_PAIRINGS)) pairs.push({ left: print.span, right: span });
  }
  let sharedRight = 0;
  for (const print of right) if (leftHashes.has(print.hash)) sharedRight += 1;
  const total = left.length + right.length;
  return {
    score: total === 0 ? 0 : (sharedLeft + sharedRight) / total,
    shared: leftHashes.size,
    regions: mergeRegions(pairs),
  };
}

function touches(a: Span, b: Span): boolean {
  return b.startLine <= a.endLine + 1 && a.startLine <= b.endLine + 1;
}

/** Joins matched spans that follow each other on both sides into regions, in the left side's order. */
export function mergeRegions(pairs: Region[]): Region[] {
  pairs.sort((x, y) => x.left.startLine - y.left.startLine || x.right.startLine - y.right.startLine);
  const regions: Region[] = [];
  for (const pair of pairs) {
    let merged = false;
    // Regions are few; the newest are the likeliest to continue.
    for (let i = regions.length - 1; i >= 0 && !merged; i -= 1) {
      const region = regions[i]!;
      if (touches(region.left, pair.left) && touches(region.right, pair.right)) {
        region.left.endLine = Math.max(region.left.endLine, pair.left.endLine);
        region.right.startLine = Math.min(region.right.startLine, pair.right.startLine);
        region.right.endLine = Math.max(region.right.endLine, pair.right.endLine);
        merged = true;
      }
    }
    if (!merged) regions.push({ left: { ...pair.left }, right: { ...pair.right } });
  }
  // A region inside another (a repeated line paired twice) adds nothing.
  return regions.filter(
    (r, i) =>
      !regions.some(
        (o, j) =>
          j !== i &&
          o.left.startLine <= r.left.startLine &&
          r.left.endLine <= o.left.endLine &&
          o.right.startLine <= r.right.startLine &&
          r.right.endLine <= o.right.endLine &&
          (j < i ||
            o.left.endLine - o.left.startLine > r.left.endLine - r.left.startLine ||
            o.right.endLine - o.right.startLine > r.right.endLine - r.right.startLine),
      ),
  );
}
