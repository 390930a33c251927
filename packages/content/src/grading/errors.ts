// A wrong-shaped answer: nothing is graded, and the API answers 400 with the message.

/** An answer that does not fit its exercise (other kind, unknown or repeated ids); message in the locale. */
export class AnswerShapeError extends Error {
  /** The API's error code for it (400). */
  readonly code = 'TREMPLIN_ERR_VALIDATION';
  readonly status = 400;

  constructor(message: string) {
    super(message);
    this.name = 'AnswerShapeError';
  }
}
