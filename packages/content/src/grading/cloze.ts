// Cloze: each gap against its accepted answers, with case and typo tolerance.
import type { StoredItemOutcome } from '@tremplin/contracts';
import type { ClozeSpec } from '../schema.ts';
import { allowedTypos, editDistance, normalizeAnswer } from '../text.ts';
import { AnswerShapeError } from './errors.ts';
import type { KeyedMessages } from './messages.ts';
import { share, type Graded } from './result.ts';

type Gap = ClozeSpec['gaps'][number];

/** How a typed value compares with a gap's accepted answers. */
export function matchGap(
  gap: Gap,
  typed: string,
): { status: 'correct' | 'accepted-typo' | 'wrong'; closest: string } {
  const cs = gap.caseSensitive ?? false;
  const value = normalizeAnswer(typed, cs);
  const first = gap.answers[0]!;
  if (gap.answers.some((a) => normalizeAnswer(a, cs) === value)) return { status: 'correct', closest: first };
  let best: { answer: string; distance: number } | null = null;
  for (const answer of gap.answers) {
    const allowed = allowedTypos(answer, gap.typoTolerance);
    if (allowed === 0) continue;
    const distance = editDistance(value, normalizeAnswer(answer, cs), allowed);
    if (distance <= allowed && (!best || distance < best.distance)) best = { answer, distance };
  }
  return best ? { status: 'accepted-typo', closest: best.answer } : { status: 'wrong', closest: first };
}

/** Grades gap id → typed text; a typo-accepted gap counts as correct. */
export function gradeCloze(spec: ClozeSpec, gaps: Record<string, string>, t: KeyedMessages): Graded {
  const known = new Set(spec.gaps.map((g) => g.id));
  for (const id of Object.keys(gaps)) if (!known.has(id)) throw new AnswerShapeError(t.unknownGap(id));

  let ok = 0;
  const items: StoredItemOutcome[] = spec.gaps.map((gap) => {
    const typed = gaps[gap.id] ?? '';
    const feedback = gap.feedback ? { message: gap.feedback } : {};
    if (!typed.trim()) return { id: gap.id, status: 'missing', expected: gap.answers[0]!, ...feedback };
    const { status, closest } = matchGap(gap, typed);
    if (status !== 'wrong') ok++;
    if (status === 'correct') return { id: gap.id, status };
    if (status === 'accepted-typo')
      return { id: gap.id, status, message: t.typo(closest), expected: closest };
    return { id: gap.id, status, expected: closest, ...feedback };
  });
  return { score: share(ok, spec.gaps.length), items, feedback: t.cloze(ok, spec.gaps.length) };
}
