// Ordering: the expected order or an accepted alternative; partial credit by longest correct subsequence.
import type { StoredItemOutcome } from '@tremplin/contracts';
import { orderingIds } from '../public-ids.ts';
import type { OrderingSpec } from '../schema.ts';
import { AnswerShapeError } from './errors.ts';
import type { KeyedMessages } from './messages.ts';
import { share, type Graded } from './result.ts';

/** Length of the longest common subsequence: how many items are already in the right relative order. */
export function lcsLength(a: readonly string[], b: readonly string[]): number {
  let prev = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    const cur = [0];
    for (let j = 1; j <= b.length; j++) {
      cur.push(a[i - 1] === b[j - 1] ? prev[j - 1]! + 1 : Math.max(prev[j]!, cur[j - 1]!));
    }
    prev = cur;
  }
  return prev[b.length]!;
}

/** Grades an order of public item ids; items are compared by text, so repeated words are interchangeable. */
export function gradeOrdering(spec: OrderingSpec, order: string[], t: KeyedMessages): Graded {
  const ids = orderingIds(spec);
  const textOf = new Map(ids.map((id, i) => [id, spec.items[i]!.text]));
  const seen = new Set<string>();
  for (const id of order) {
    if (!textOf.has(id)) throw new AnswerShapeError(t.unknownItem(id));
    if (seen.has(id)) throw new AnswerShapeError(t.duplicateItem(id));
    seen.add(id);
  }
  if (order.length !== ids.length) throw new AnswerShapeError(t.orderLength(ids.length, order.length));

  const typed = order.map((id) => textOf.get(id)!);
  const byAuthorId = new Map(spec.items.map((item) => [item.id, item.text]));
  const targets = [
    spec.items.map((item) => item.text),
    ...(spec.alternatives ?? []).map((alt) => alt.map((id) => byAuthorId.get(id)!)),
  ];
  // The accepted order closest to the student's decides both the score and the per-position marks.
  let target = targets[0]!;
  let best = -1;
  for (const candidate of targets) {
    const n = lcsLength(typed, candidate);
    if (n > best) [best, target] = [n, candidate];
  }
  let placed = 0;
  const items: StoredItemOutcome[] = order.map((id, i) => {
    if (typed[i] === target[i]) {
      placed++;
      return { id, status: 'correct' };
    }
    return { id, status: 'wrong', expected: target[i]! };
  });
  return { score: share(best, ids.length), items, feedback: t.ordering(placed, ids.length) };
}
