import type { Database } from '@tremplin/db';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../config.ts';

declare module 'fastify' {
  interface FastifyInstance {
    database: Database;
    config: Config;
  }
}

/** Makes the database and the configuration available to every route. */
export default fp(
  async (app: FastifyInstance, opts: { database: Database; config: Config }) => {
    app.decorate('database', opts.database);
    app.decorate('config', opts.config);
  },
  { name: 'database' },
);
