import type { PlainMessageKey } from '#lib/i18n/types.ts';
import { isApiError } from './client.ts';

/**
 * An error to show: our own message as a key (so it follows a language switch), or the API's message
 * (already in the request's language). Components render `problem.key ? t(problem.key) : problem.message`.
 */
export interface Problem {
  key: PlainMessageKey | undefined;
  message: string;
  code?: string | undefined;
}

export function problemOf(error: unknown): Problem {
  if (isApiError(error)) return { key: error.messageKey, message: error.message, code: error.code };
  return { key: 'error.unexpected', message: '' };
}

/** Worth trying again with the same request: the server was not reached, or was briefly unavailable. */
export function isTransientError(error: unknown): boolean {
  return (
    isApiError(error) &&
    (error.status === 0 || error.status === 502 || error.status === 503 || error.status === 504)
  );
}
