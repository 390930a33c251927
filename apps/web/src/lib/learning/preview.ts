import type { Answer, GradeOutcome } from '#lib/api/types.ts';

/**
 * "Preview as a student" (the authors' studio): the student's exercise components, with Run and Submit
 * graded by the studio against the draft instead of the student's routes. Nothing is stored: no draft,
 * no submission, no history, no help request.
 */
export interface ExercisePreview {
  run(body: { code: string } | { answer: Answer }): Promise<GradeOutcome>;
  /** A dictation's text, read aloud locally (the student's page asks the API for it, counted). */
  dictationText?: string | undefined;
}
