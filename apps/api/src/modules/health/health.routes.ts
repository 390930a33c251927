import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ErrorBody, Health } from '@tremplin/contracts';
import { DemoStatus } from './demo-status.ts';

export const VERSION = '0.1.0';

export const healthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const demo = new DemoStatus(app.database.db);
  app.get(
    '/api/health',
    {
      config: { public: true },
      schema: {
        tags: ['health'],
        summary:
          'Liveness, the database engine in use and whether public demo accounts exist; 503 when the database cannot be reached',
        response: { 200: Health, 503: ErrorBody },
      },
    },
    async () => {
      await app.database.ping();
      return {
        status: 'ok' as const,
        engine: app.database.engine,
        version: VERSION,
        demo: await demo.present(),
      };
    },
  );
};
