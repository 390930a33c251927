import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { VERSION } from '../modules/health/health.routes.ts';

/** The OpenAPI description of every route, at /api/docs (UI) and /api/docs/json. */
async function docsPlugin(app: FastifyInstance) {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Tremplin API',
        description:
          "The JSON API of Tremplin, the learning platform of Togo's digital-skills programme. " +
          'Errors answer `{ code, message }` in the language of Accept-Language (fr by default).',
        version: VERSION,
      },
      components: {
        securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'tremplin_session' } },
      },
      security: [{ session: [] }],
    },
  });
  // No validator badge: it would send the document's address to a third party (and the CSP blocks it).
  await app.register(swaggerUi, { routePrefix: '/api/docs', uiConfig: { validatorUrl: null } });
}

export default fp(docsPlugin, { name: 'docs' });
