import { ERRORS, waitWords, type ErrorCode, type MessageParam } from '@tremplin/contracts';

/** An expected error: a code from the catalog, answered to the client as `{ code, message }`. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly params: Record<string, MessageParam>;
  readonly statusCode: number;
  readonly field: string | undefined;
  /** Seconds before trying again, sent as `Retry-After` (a 429 or a 503). */
  retryAfterSeconds?: number;

  constructor(code: ErrorCode, params: Record<string, MessageParam> = {}, field?: string) {
    super(code);
    this.code = code;
    this.params = params;
    this.statusCode = ERRORS[code].status;
    this.field = field;
  }
}

export const forbidden = () => new AppError('TREMPLIN_ERR_FORBIDDEN');
export const notFound = () => new AppError('TREMPLIN_ERR_NOT_FOUND');
export const unauthenticated = () => new AppError('TREMPLIN_ERR_UNAUTHENTICATED');

/** Too many sign-in attempts: a 429 saying, in words and in `Retry-After`, when to try again. */
export function tooManyAttempts(seconds: number): AppError {
  const error = new AppError('TREMPLIN_ERR_TOO_MANY_ATTEMPTS', { wait: waitWords(seconds) });
  error.retryAfterSeconds = seconds;
  return error;
}
