import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ErrorBody, Health } from '@tremplin/contracts';

export const VERSION = '0.1.0';

export const healthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/health',
    {
      config: { public: true },
      schema: {
        tags: ['health'],
        summary: 'Liveness and the database engine in use; 503 when the database cannot be reached',
        response: { 200: Health, 503: ErrorBody },
      },
    },
    async () => {
      await app.database.ping();
      return { status: 'ok' as const, engine: app.database.engine, version: VERSION };
    },
  );
};
