// Pieces every English grader shares: the score-to-status rule and a tidy score.
import type { AnswerResult, StoredItemOutcome, StoredText } from '@tremplin/contracts';

/** What one kind's grader returns; gradeAnswer adds the hint and the status. */
export interface Graded {
  score: number;
  items: StoredItemOutcome[];
  /** Platform messages as keys (rendered when shown); a list is shown joined by spaces. */
  feedback?: StoredText;
  /** Set by graders with their own pass rule (writing). */
  status?: AnswerResult['status'];
  needsReview?: boolean;
}

/** pass at (almost) full marks, partial for anything above zero, else fail. */
export function statusOf(score: number, passAt = 0.999): AnswerResult['status'] {
  if (score >= passAt) return 'pass';
  return score > 0 ? 'partial' : 'fail';
}

/** Rounds a share to 4 decimals so that 2/3 + 1/3 does not print as 0.9999999. */
export function share(part: number, total: number): number {
  if (total <= 0) return 0;
  return Math.round((part / total) * 10000) / 10000;
}
