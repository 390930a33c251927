import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { Counter, Gauge, Histogram } from 'prom-client';
import { AppError, notFound } from '../errors.ts';
import { metricsAccess } from '../metrics/access.ts';
import { createMetrics, METRICS_CONTENT_TYPE, type LiveMetrics, type Metrics } from '../metrics/metrics.ts';

declare module 'fastify' {
  interface FastifyInstance {
    metrics: Metrics & {
      live: LiveMetrics;
      /** Publish on one instance to delivery on another, over the PostgreSQL bus. */
      busLag: Histogram;
    };
  }
}

const REQUEST_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const LAG_BUCKETS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

/**
 * Prometheus metrics of this instance at `GET /metrics` (outside /api and its documentation): the
 * requests, the grading queue and workers, the live sockets, the event bus and the process.
 * Served to the bearer of METRICS_TOKEN, or without one to this machine only (see access.ts).
 */
async function metricsPlugin(app: FastifyInstance) {
  const metrics = createMetrics(app.database.db, app.log.child({ component: 'metrics' }));
  const registers = [metrics.registry];
  const requests = new Histogram({
    name: 'tremplin_http_request_duration_seconds',
    help: 'HTTP requests by method, route pattern and status class',
    labelNames: ['method', 'route', 'status_class'],
    buckets: REQUEST_BUCKETS,
    registers,
  });
  app.decorate('metrics', {
    ...metrics,
    live: {
      sockets: new Gauge({
        name: 'tremplin_live_sockets',
        help: 'Open live sockets',
        registers,
      }),
      socketsByRole: new Gauge({
        name: 'tremplin_live_sockets_by_role',
        help: 'Open live sockets by role of their user (a user of two roles counts in both)',
        labelNames: ['role'],
        registers,
      }),
      messagesSent: new Counter({
        name: 'tremplin_live_messages_sent_total',
        help: 'Messages written to live sockets',
        registers,
      }),
    },
    busLag: new Histogram({
      name: 'tremplin_bus_lag_seconds',
      help: "From an event published on another instance to its delivery on this one (the PostgreSQL bus; the instances' clocks must agree)",
      buckets: LAG_BUCKETS,
      registers,
    }),
  });

  app.addHook('onResponse', async (request, reply) => {
    requests.observe(
      {
        method: request.method,
        // The pattern, never the address: ids would make a series per learner.
        route: request.routeOptions.url ?? 'unmatched',
        status_class: `${Math.floor(reply.statusCode / 100)}xx`,
      },
      reply.elapsedTime / 1000,
    );
  });

  app.get('/metrics', { config: { public: true }, schema: { hide: true } }, async (request, reply) => {
    const access = metricsAccess(app.config.metrics.token, {
      remoteAddress: request.socket.remoteAddress,
      headers: request.headers,
    });
    if (access === 'hidden') throw notFound();
    if (access === 'unauthorized') {
      reply.header('www-authenticate', 'Bearer');
      throw new AppError('TREMPLIN_ERR_METRICS_TOKEN');
    }
    return reply
      .type(METRICS_CONTENT_TYPE)
      .header('cache-control', 'no-store')
      .send(await metrics.scrape());
  });
}

export default fp(metricsPlugin, { name: 'metrics', dependencies: ['database'] });
