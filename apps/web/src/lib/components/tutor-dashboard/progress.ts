/** Colour bands of the progress grid (named in the legend, the number is always in the cell too). */
export const SCORE_BANDS = ['none', 'tried', 'partial', 'full'] as const;
export type ScoreBand = (typeof SCORE_BANDS)[number];

export function scoreBand(bestScore: number | null, maxScore: number, attempts: number): ScoreBand {
  if (bestScore === null) return attempts > 0 ? 'tried' : 'none';
  if (maxScore > 0 && bestScore >= maxScore) return 'full';
  if (bestScore > 0) return 'partial';
  return 'tried';
}
