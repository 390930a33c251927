import { STRICT_FORMATS, unstorableTextPath, VALIDATION_WORDS } from '@tremplin/contracts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from '../errors.ts';

/** Gives the server's validator the contracts' strict formats (ids, dates): set as an ajv plugin. */
export function strictFormats<
  A extends { addFormat(name: string, check: (value: string) => boolean): unknown },
>(ajv: A): A {
  for (const [name, check] of Object.entries(STRICT_FORMATS)) ajv.addFormat(name, check);
  return ajv;
}

function refuseUnstorable(request: FastifyRequest): void {
  const parts = { body: request.body, querystring: request.query, params: request.params };
  for (const [part, value] of Object.entries(parts)) {
    const path = unstorableTextPath(value);
    if (path === undefined) continue;
    const field = path || part;
    const detail = VALIDATION_WORDS[request.locale].unstorable.replace('{field}', field);
    throw new AppError('TREMPLIN_ERR_VALIDATION', { detail }, field);
  }
}

/**
 * Refuses, before validation, any text that PostgreSQL cannot store (a NUL character, a lone UTF-16
 * surrogate) in a body, a query or a path: 400 naming the field, nothing stored. Refused rather than
 * stripped, so that what is stored is always what was sent.
 */
async function inputGuardPlugin(app: FastifyInstance) {
  app.addHook('preValidation', async (request) => refuseUnstorable(request));
}

export default fp(inputGuardPlugin, { name: 'input-guard', dependencies: ['locale', 'error-handler'] });
