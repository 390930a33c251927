// Dictation: the typed words aligned with the text's words, so that one missing or extra word does not
// shift every word after it.
import type { StoredItemOutcome } from '@tremplin/contracts';
import type { DictationSpec, TypoTolerance } from '../schema.ts';
import { allowedTypos, editDistance, normalizeWord, words } from '../text.ts';
import type { KeyedMessages } from './messages.ts';
import { share, type Graded } from './result.ts';

type Match = 'correct' | 'accepted-typo' | 'wrong';

export interface AlignedWord {
  /** Index in the text's words. */
  index: number;
  expected: string;
  status: Match | 'missing';
  typed?: string;
}

function compare(expected: string, typed: string, tolerance: TypoTolerance | undefined): Match {
  const e = normalizeWord(expected);
  const t = normalizeWord(typed);
  if (e === t) return 'correct';
  const allowed = allowedTypos(e, tolerance);
  return allowed > 0 && editDistance(e, t, allowed) <= allowed ? 'accepted-typo' : 'wrong';
}

// A near miss costs less than a wrong word, which costs less than a missing word plus an extra one (2), so
// one misheard word shows as wrong; but two wrong words cost more than a missing plus an extra word, so a
// skipped word does not turn the following correct words into wrong ones.
const COST: Record<Match, number> = { correct: 0, 'accepted-typo': 0.5, wrong: 1.5 };
const GAP_COST = 1;

/** Aligns typed words with expected words (edit distance over words); one entry per expected word. */
export function alignWords(
  expected: string[],
  typed: string[],
  tolerance?: TypoTolerance,
): { words: AlignedWord[]; extra: string[] } {
  const n = expected.length;
  const m = typed.length;
  const match: Match[][] = expected.map((e) => typed.map((t) => compare(e, t, tolerance)));
  const cost: number[][] = Array.from({ length: n + 1 }, (_, i) =>
    Array.from({ length: m + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0) * GAP_COST),
  );
  for (let i = 1; i <= n; i++) {
    for (let j = 1; j <= m; j++) {
      cost[i]![j] = Math.min(
        cost[i - 1]![j - 1]! + COST[match[i - 1]![j - 1]!],
        cost[i - 1]![j]! + GAP_COST,
        cost[i]![j - 1]! + GAP_COST,
      );
    }
  }
  const out: AlignedWord[] = [];
  const extra: string[] = [];
  let i = n;
  let j = m;
  while (i > 0 || j > 0) {
    const here = cost[i]![j]!;
    if (i > 0 && j > 0 && here === cost[i - 1]![j - 1]! + COST[match[i - 1]![j - 1]!]) {
      out.push({
        index: i - 1,
        expected: expected[i - 1]!,
        status: match[i - 1]![j - 1]!,
        typed: typed[j - 1]!,
      });
      i--;
      j--;
    } else if (i > 0 && here === cost[i - 1]![j]! + GAP_COST) {
      out.push({ index: i - 1, expected: expected[i - 1]!, status: 'missing' });
      i--;
    } else {
      extra.push(typed[j - 1]!);
      j--;
    }
  }
  return { words: out.reverse(), extra: extra.reverse() };
}

/** Grades the typed text: score = correct (or typo-accepted) words / words in the text. */
export function gradeDictation(spec: DictationSpec, text: string, t: KeyedMessages): Graded {
  const expected = words(spec.text);
  const { words: aligned, extra } = alignWords(expected, words(text), spec.typoTolerance);
  let ok = 0;
  const items: StoredItemOutcome[] = aligned.map((w) => {
    const id = String(w.index);
    switch (w.status) {
      case 'correct':
        ok++;
        return { id, status: 'correct' };
      case 'accepted-typo':
        ok++;
        return { id, status: 'accepted-typo', message: t.typo(w.expected), expected: w.expected };
      case 'wrong':
        return { id, status: 'wrong', message: t.youWrote(w.typed!), expected: w.expected };
      case 'missing':
        return { id, status: 'missing', expected: w.expected };
    }
  });
  return {
    score: share(ok, expected.length),
    items,
    feedback: t.dictation(ok, expected.length, extra.length),
  };
}
