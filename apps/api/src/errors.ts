import { ERRORS, waitWords, type ErrorCode, type MessageParam } from '@tremplin/contracts';

/** An expected error: a code from the catalog, answered to the client as `{ code, message }`. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly params: Record<string, MessageParam>;
  readonly statusCode: number;
  readonly field: string | undefined;
  /** Sent as `Retry-After`: when trying again may succeed (a limit, a busy grader). */
  readonly retryAfterSeconds: number | undefined;
  /** More of the answer's body, beside code and message (a draft's validation problems). */
  details: Record<string, unknown> | undefined;

  constructor(
    code: ErrorCode,
    params: Record<string, MessageParam> = {},
    field?: string,
    retryAfterSeconds?: number,
  ) {
    super(code);
    this.code = code;
    this.params = params;
    this.statusCode = ERRORS[code].status;
    this.field = field;
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** An error worth trying again after a while, told to the client in seconds (at least one). */
export function retryLater(
  code: ErrorCode,
  waitMs: number,
  params: Record<string, string | number> = {},
): AppError {
  const seconds = Math.max(1, Math.ceil(waitMs / 1000));
  return new AppError(code, { ...params, seconds }, undefined, seconds);
}

export const forbidden = () => new AppError('TREMPLIN_ERR_FORBIDDEN');
export const notFound = () => new AppError('TREMPLIN_ERR_NOT_FOUND');
export const unauthenticated = () => new AppError('TREMPLIN_ERR_UNAUTHENTICATED');

/** Too many sign-in attempts: a 429 saying, in words and in `Retry-After`, when to try again. */
export function tooManyAttempts(seconds: number): AppError {
  return new AppError('TREMPLIN_ERR_TOO_MANY_ATTEMPTS', { wait: waitWords(seconds) }, undefined, seconds);
}

/** An error whose answer carries more than `{ code, message }` (its contract says what). */
export function withDetails(error: AppError, details: Record<string, unknown>): AppError {
  error.details = details;
  return error;
}
