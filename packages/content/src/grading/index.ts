// Grading of the English exercises' answers (code goes to @tremplin/grader instead).
import { Answer, type Locale, type StoredAnswerResult } from '@tremplin/contracts';
import Compile from 'typebox/compile';
import type { FullSpec } from '../schema.ts';
import { gradeChoice } from './choice.ts';
import { gradeCloze } from './cloze.ts';
import { gradeDictation } from './dictation.ts';
import { AnswerShapeError } from './errors.ts';
import { gradeMatching } from './matching.ts';
import { keyed } from './messages.ts';
import { gradeOrdering } from './ordering.ts';
import { statusOf, type Graded } from './result.ts';
import { gradeWriting } from './writing.ts';

export { AnswerShapeError } from './errors.ts';

export interface GradeOptions {
  locale?: Locale;
  /** The exercise's hint, returned with a result that is not a pass. */
  hint?: string;
}

const AnswerCheck = Compile(Answer);

/**
 * Grades an answer against a full spec: the score share (0..1) and the result the student sees, its
 * platform messages as keys (render them with renderEnglishMessage). Throws an AnswerShapeError (message
 * in the locale) when the answer does not fit the exercise; nothing is graded then.
 */
export function gradeAnswer(
  spec: FullSpec,
  answer: Answer,
  { locale = 'fr', hint }: GradeOptions = {},
): { score: number; result: StoredAnswerResult } {
  try {
    return grade(spec, answer, hint);
  } catch (error) {
    throw error instanceof AnswerShapeError ? error.in(locale) : error;
  }
}

function grade(spec: FullSpec, answer: Answer, hint: string | undefined) {
  const t = keyed;
  if (!AnswerCheck.Check(answer)) throw new AnswerShapeError(t.malformed);
  if (answer.kind !== spec.kind) throw new AnswerShapeError(t.kindMismatch(spec.kind, answer.kind));
  let graded: Graded;
  if (spec.kind === 'choice' && answer.kind === 'choice') graded = gradeChoice(spec, answer.selected, t);
  else if (spec.kind === 'cloze' && answer.kind === 'cloze') graded = gradeCloze(spec, answer.gaps, t);
  else if (spec.kind === 'ordering' && answer.kind === 'ordering')
    graded = gradeOrdering(spec, answer.order, t);
  else if (spec.kind === 'matching' && answer.kind === 'matching')
    graded = gradeMatching(spec, answer.pairs, t);
  else if (spec.kind === 'dictation' && answer.kind === 'dictation')
    graded = gradeDictation(spec, answer.text, t);
  else if (spec.kind === 'writing' && answer.kind === 'writing') graded = gradeWriting(spec, answer.text, t);
  else throw new AnswerShapeError(t.kindMismatch(spec.kind, answer.kind));
  const status = graded.status ?? statusOf(graded.score);
  const result: StoredAnswerResult = {
    kind: 'answers',
    status,
    items: graded.items,
    ...(graded.feedback ? { feedback: graded.feedback } : {}),
    ...(hint && status !== 'pass' ? { hint } : {}),
    needsReview: graded.needsReview ?? false,
  };
  return { score: graded.score, result };
}
