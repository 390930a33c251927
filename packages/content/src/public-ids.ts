// Ids shown to the browser for ordering items and matching sides. An author's ids (w1, w2, w3…) often
// follow the answer, so the public id is derived from the text the student sees anyway: it tells nothing.
import { createHash } from 'node:crypto';
import type { MatchingSpec, OrderingSpec } from './schema.ts';

function short(prefix: string, text: string): string {
  return prefix + createHash('sha256').update(text).digest('hex').slice(0, 10);
}

/** Public id of each ordering item (same order as spec.items); repeated words get distinct ids. */
export function orderingIds(spec: OrderingSpec): string[] {
  const seen = new Map<string, number>();
  return spec.items.map((item) => {
    const n = seen.get(item.text) ?? 0;
    seen.set(item.text, n + 1);
    return short('i', `${item.text}\u0000${n}`);
  });
}

/** Public ids of each pair's left and right side (same order as spec.pairs). */
export function matchingIds(spec: MatchingSpec): { left: string; right: string }[] {
  return spec.pairs.map((p) => ({ left: short('l', p.left.trim()), right: short('r', p.right.trim()) }));
}
