// Deterministic shuffles: the same seed (exercise and user) always gives the same order, so a reload
// does not reshuffle, while two students rarely see the same order.
import { createHash } from 'node:crypto';

/** A small PRNG (sfc32) seeded from the SHA-256 of the seed string. */
export function seededRandom(seed: string): () => number {
  const h = createHash('sha256').update(seed).digest();
  let a = h.readUInt32LE(0);
  let b = h.readUInt32LE(4);
  let c = h.readUInt32LE(8);
  let d = h.readUInt32LE(12);
  return () => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
}

function fisherYates<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/**
 * Shuffles `items` deterministically from `seed` into an order that no `forbidden` order equals (the
 * answer and its accepted alternatives), whenever there is more than one item. Orders are compared by
 * `key` so that equal words count as the same.
 */
export function shuffleAvoiding<T>(
  items: readonly T[],
  seed: string,
  key: (item: T) => string,
  forbidden: readonly (readonly T[])[] = [items],
): T[] {
  if (items.length < 2) return [...items];
  const random = seededRandom(seed);
  const sig = (list: readonly T[]) => list.map(key).join('\u0000');
  const banned = new Set(forbidden.map(sig));
  for (let attempt = 0; attempt < 50; attempt++) {
    const candidate = fisherYates(items, random);
    if (!banned.has(sig(candidate))) return candidate;
  }
  // Few items and many accepted orders: the rotations of the answer are the last resort (never the answer
  // itself unless every item is the same word, which then no order can avoid).
  for (let r = 1; r < items.length; r++) {
    const rotated = [...items.slice(r), ...items.slice(0, r)];
    if (!banned.has(sig(rotated))) return rotated;
  }
  return [...items.slice(1), items[0]!];
}
