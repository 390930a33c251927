// Short writing: a rubric of keywords found or not, a word-count range, and a flag for human review.
import type { StoredItemOutcome } from '@tremplin/contracts';
import type { WritingSpec } from '../schema.ts';
import { words } from '../text.ts';
import { hasFewEnglishWords } from './english.ts';
import type { KeyedMessages } from './messages.ts';
import { share, statusOf, type Graded } from './result.ts';
import { matchesAny } from './rubric-match.ts';

export const DEFAULT_PASS_RATIO = 0.6;
/** A text outside [minWords, maxWords] scores at most this share (and so never passes at the default ratio). */
export const WORD_COUNT_CAP = 0.5;

/**
 * When the automatic score is low-confidence and a grader should look (`needsReview`). Rule, for a
 * non-empty text:
 * - its score share is between 0.4 and 0.75: keyword matching cannot tell a near pass from a near fail;
 * - or it has fewer than half minWords or more than twice maxWords: off-task, pasted or truncated;
 * - or it holds few words of English (see hasFewEnglishWords): keywords may match by accident.
 * An empty text is a plain fail, with nothing to review.
 */
export function needsReview(
  score: number,
  wordCount: number,
  spec: WritingSpec,
  fewEnglish: boolean,
): boolean {
  if (wordCount === 0) return false;
  if (score >= 0.4 && score <= 0.75) return true;
  if (wordCount < spec.minWords / 2 || wordCount > spec.maxWords * 2) return true;
  return fewEnglish;
}

/** Grades a short text against the rubric; pass at passRatio (default 0.6) within the word range. */
export function gradeWriting(spec: WritingSpec, text: string, t: KeyedMessages): Graded {
  const count = words(text).length;
  let earned = 0;
  let total = 0;
  let found = 0;
  let unchecked = false;
  const items: StoredItemOutcome[] = spec.rubric.map((r) => {
    total += r.points;
    const match = count > 0 && matchesAny(r.alternatives, text);
    // A criterion whose pattern the rules now refuse is not run: a grader decides it.
    if (match === 'unchecked') unchecked = true;
    const hit = match === true;
    const message = (hit ? r.feedbackFound : r.feedbackMissing) ?? r.label;
    if (!hit) return { id: r.id, status: 'missing', message, points: 0 };
    earned += r.points;
    found++;
    return { id: r.id, status: 'correct', message, points: r.points };
  });
  const inRange = count >= spec.minWords && count <= spec.maxWords;
  const raw = share(earned, total);
  const score = inRange ? raw : Math.min(raw, WORD_COUNT_CAP);
  const fewEnglish = (spec.language ?? 'en') === 'en' && hasFewEnglishWords(text);
  const review = unchecked || needsReview(score, count, spec, fewEnglish);
  const passRatio = spec.passRatio ?? DEFAULT_PASS_RATIO;
  const status = inRange ? statusOf(score, passRatio) : score > 0 ? 'partial' : 'fail';
  const fmt = (n: number) => String(Math.round(n * 100) / 100);
  const feedback = [
    t.writing(found, spec.rubric.length, fmt(earned), fmt(total)),
    ...(inRange || count === 0
      ? []
      : [t.wordCount(count, spec.minWords, spec.maxWords, WORD_COUNT_CAP * 100)]),
    ...(fewEnglish ? [t.notEnglish] : []),
    ...(review ? [t.review] : []),
  ];
  return { score, items, feedback, status, needsReview: review };
}
