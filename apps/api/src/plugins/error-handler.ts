import { errorMessage, pickLocale, VALIDATION_WORDS, type ErrorCode, type Locale } from '@tremplin/contracts';
import { isDatabaseUnavailable } from '@tremplin/db';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from '../errors.ts';

interface ValidationIssue {
  keyword: string;
  instancePath: string;
  params: Record<string, unknown>;
}

/** Describes the first validation problem in the user's language, naming the field. */
function describeValidation(
  issues: ValidationIssue[],
  context: string | undefined,
  locale: Locale,
): { detail: string; field?: string } {
  const words = VALIDATION_WORDS[locale];
  const issue = issues[0];
  if (!issue) return { detail: words.body };
  const pathField = issue.instancePath.replace(/^\//, '').replaceAll('/', '.');
  const field =
    issue.keyword === 'required'
      ? [pathField, String(issue.params.missingProperty ?? '')].filter(Boolean).join('.')
      : pathField;
  if (!field)
    return { detail: context === 'body' ? words.body : words.other.replace('{field}', context ?? '') };
  const fill = (template: string) =>
    template
      .replace('{field}', field)
      .replace('{limit}', String(issue.params.limit ?? ''))
      .replace('{type}', String(issue.params.type ?? ''))
      .replace('{format}', words.formats[String(issue.params.format)] ?? String(issue.params.format));
  const template =
    (
      {
        required: words.required,
        format: words.format,
        type: words.type,
        minLength: words.minLength,
        maxLength: words.maxLength,
        enum: words.enum,
        const: words.enum,
        anyOf: words.enum,
      } as Record<string, string>
    )[issue.keyword] ?? words.other;
  return { detail: fill(template), field };
}

/** The catalogue's code for a client error raised outside the app's own code, by its status. */
const CLIENT_ERRORS: Partial<Record<number, ErrorCode>> = {
  400: 'TREMPLIN_ERR_BAD_REQUEST',
  401: 'TREMPLIN_ERR_UNAUTHENTICATED',
  403: 'TREMPLIN_ERR_FORBIDDEN',
  404: 'TREMPLIN_ERR_NOT_FOUND',
  405: 'TREMPLIN_ERR_METHOD_NOT_ALLOWED',
  406: 'TREMPLIN_ERR_NOT_ACCEPTABLE',
  408: 'TREMPLIN_ERR_REQUEST_TIMEOUT',
  409: 'TREMPLIN_ERR_CONFLICT',
  413: 'TREMPLIN_ERR_BODY_TOO_LARGE',
  414: 'TREMPLIN_ERR_URL_TOO_LONG',
  415: 'TREMPLIN_ERR_UNSUPPORTED_MEDIA_TYPE',
  429: 'TREMPLIN_ERR_TOO_MANY_REQUESTS',
  431: 'TREMPLIN_ERR_HEADERS_TOO_LARGE',
};

function send(
  reply: FastifyReply,
  status: number,
  code: ErrorCode,
  message: string,
  field?: string,
  details?: Record<string, unknown>,
) {
  return reply
    .status(status)
    .type('application/json; charset=utf-8')
    .send({ ...details, code, message, ...(field ? { field } : {}) });
}

function sendClientError(reply: FastifyReply, status: number, locale: Locale, bodyLimit: number) {
  const code = CLIENT_ERRORS[status] ?? 'TREMPLIN_ERR_CLIENT';
  return send(reply, status, code, errorMessage(code, locale, { status, limit: bodyLimit }));
}

/**
 * Fastify's own errors before routing (a badly encoded path, an over-long path parameter), given as
 * the `frameworkErrors` option: the platform's `{ code, message }`, never an echo of the request.
 */
export function answerFrameworkError(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const locale = pickLocale(request.headers['accept-language']);
  if (error.code === 'FST_ERR_BAD_URL')
    return send(reply, 400, 'TREMPLIN_ERR_BAD_URL', errorMessage('TREMPLIN_ERR_BAD_URL', locale));
  return sendClientError(reply, error.statusCode ?? 400, locale, 0);
}

/** Turns every error into `{ code, message }` in the user's language; no stack reaches a client. */
async function errorHandlerPlugin(app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const locale = request.locale;
    if (error instanceof AppError) {
      if (error.retryAfterSeconds !== undefined) reply.header('retry-after', String(error.retryAfterSeconds));
      return send(
        reply,
        error.statusCode,
        error.code,
        errorMessage(error.code, locale, error.params),
        error.field,
        error.details,
      );
    }
    if (error.validation) {
      const { detail, field } = describeValidation(
        error.validation as ValidationIssue[],
        error.validationContext,
        locale,
      );
      return send(
        reply,
        400,
        'TREMPLIN_ERR_VALIDATION',
        errorMessage('TREMPLIN_ERR_VALIDATION', locale, { detail }),
        field,
      );
    }
    switch (error.code) {
      case 'FST_ERR_CTP_INVALID_JSON_BODY':
        return send(
          reply,
          400,
          'TREMPLIN_ERR_MALFORMED_JSON',
          errorMessage('TREMPLIN_ERR_MALFORMED_JSON', locale),
        );
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
        return send(
          reply,
          400,
          'TREMPLIN_ERR_VALIDATION',
          errorMessage('TREMPLIN_ERR_VALIDATION', locale, { detail: VALIDATION_WORDS[locale].body }),
        );
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
        return send(
          reply,
          413,
          'TREMPLIN_ERR_BODY_TOO_LARGE',
          errorMessage('TREMPLIN_ERR_BODY_TOO_LARGE', locale, {
            limit: request.routeOptions.bodyLimit ?? app.initialConfig.bodyLimit ?? 0,
          }),
        );
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
        return send(
          reply,
          415,
          'TREMPLIN_ERR_UNSUPPORTED_MEDIA_TYPE',
          errorMessage('TREMPLIN_ERR_UNSUPPORTED_MEDIA_TYPE', locale),
        );
    }
    if (isDatabaseUnavailable(error)) {
      request.log.warn({ err: error }, 'database unavailable');
      return send(
        reply,
        503,
        'TREMPLIN_ERR_DB_UNAVAILABLE',
        errorMessage('TREMPLIN_ERR_DB_UNAVAILABLE', locale),
      );
    }
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      // A plugin's or the grader's own 4xx keeps its status; its code says what the status means.
      request.log.info({ err: error }, 'client error');
      return sendClientError(reply, error.statusCode, locale, app.initialConfig.bodyLimit ?? 0);
    }
    request.log.error({ err: error }, 'unexpected error');
    return send(reply, 500, 'TREMPLIN_ERR_INTERNAL', errorMessage('TREMPLIN_ERR_INTERNAL', locale));
  });
}

export default fp(errorHandlerPlugin, { name: 'error-handler', dependencies: ['locale'] });
