import { ERRORS, type ErrorCode } from '@tremplin/contracts';

/** An expected error: a code from the catalog, answered to the client as `{ code, message }`. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly params: Record<string, string | number>;
  readonly statusCode: number;
  readonly field: string | undefined;

  constructor(code: ErrorCode, params: Record<string, string | number> = {}, field?: string) {
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
