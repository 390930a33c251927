// Matching: each left item against its right item.
import type { StoredItemOutcome } from '@tremplin/contracts';
import { matchingIds } from '../public-ids.ts';
import type { MatchingSpec } from '../schema.ts';
import { AnswerShapeError } from './errors.ts';
import type { KeyedMessages } from './messages.ts';
import { share, type Graded } from './result.ts';

/** Grades left public id → right public id; one item per pair, by its left id. */
export function gradeMatching(spec: MatchingSpec, pairs: Record<string, string>, t: KeyedMessages): Graded {
  const ids = matchingIds(spec);
  const leftIndex = new Map(ids.map((p, i) => [p.left, i]));
  const rightIndex = new Map(ids.map((p, i) => [p.right, i]));
  const used = new Set<string>();
  for (const [left, right] of Object.entries(pairs)) {
    if (!leftIndex.has(left)) throw new AnswerShapeError(t.unknownLeft(left));
    if (!rightIndex.has(right)) throw new AnswerShapeError(t.unknownRight(right));
    if (used.has(right)) throw new AnswerShapeError(t.rightTwice(right));
    used.add(right);
  }
  let ok = 0;
  const items: StoredItemOutcome[] = spec.pairs.map((pair, i) => {
    const { left } = ids[i]!;
    const given = pairs[left];
    if (given === undefined) return { id: left, status: 'missing', expected: pair.right };
    if (rightIndex.get(given) === i) {
      ok++;
      return { id: left, status: 'correct' };
    }
    return { id: left, status: 'wrong', expected: pair.right };
  });
  return { score: share(ok, spec.pairs.length), items, feedback: t.matching(ok, spec.pairs.length) };
}
