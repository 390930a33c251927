// A wrong-shaped answer: nothing is graded, and the API answers 400 with the message.
import type { Feedback, Locale } from '@tremplin/contracts';
import { renderEnglishMessage } from './messages.ts';

/** An answer that does not fit its exercise (other kind, unknown or repeated ids); message in the locale. */
export class AnswerShapeError extends Error {
  /** The API's error code for it (400). */
  readonly code = 'TREMPLIN_ERR_VALIDATION';
  readonly status = 400;
  readonly feedback: Feedback;

  constructor(feedback: Feedback, locale: Locale = 'fr') {
    super(renderEnglishMessage(feedback, locale) ?? feedback.key);
    this.name = 'AnswerShapeError';
    this.feedback = feedback;
  }

  /** The same error, its message in another locale. */
  in(locale: Locale): AnswerShapeError {
    return new AnswerShapeError(this.feedback, locale);
  }
}
