// Grading as a reader sees it: the result's keys rendered in the locale of the grading options.
import { renderOutcome, type Answer, type AnswerResult } from '@tremplin/contracts';
import { gradeAnswer, renderEnglishMessage, type FullSpec, type GradeOptions } from '../src/index.ts';

/** gradeAnswer, with the result's messages rendered in `options.locale` (French by default). */
export function graded(
  spec: FullSpec,
  answer: Answer,
  options: GradeOptions = {},
): { score: number; result: AnswerResult } {
  const { score, result } = gradeAnswer(spec, answer, options);
  return { score, result: renderOutcome(result, (m) => renderEnglishMessage(m, options.locale ?? 'fr')) };
}
