import { createGraderPool, type GraderPool } from '@tremplin/grader';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { notifyChannel } from '@tremplin/db';
import {
  createLocalEventBus,
  createPostgresEventBus,
  LIVE_CHANNEL,
  type EventBus,
} from '../grading/events.ts';
import { GradingWorker, workerLimits } from '../grading/grading-worker.ts';

declare module 'fastify' {
  interface FastifyInstance {
    grading: { pool: GraderPool; bus: EventBus; worker: GradingWorker | undefined };
  }
}

export interface GradingPluginOptions {
  /** A pool shared with others (tests); by default the app starts and stops its own. */
  pool?: GraderPool;
  bus?: EventBus;
}

/**
 * The sandbox pool (separate worker processes: untrusted code never runs in this process), the
 * event bus, and, unless graders run apart, the worker that drains the submission queue.
 */
async function gradingPlugin(app: FastifyInstance, opts: GradingPluginOptions) {
  const ownsPool = !opts.pool;
  const pool =
    opts.pool ??
    createGraderPool({
      size: app.config.grading.poolSize,
      ceiling: app.config.grading.ceiling,
      onOutcome: app.metrics.grading.sandboxOutcome,
    });
  // Instances configured with a PostgreSQL server (DATABASE_URL) may be several: they pass live
  // events over LISTEN/NOTIFY. The embedded engine serves one instance: its bus is in-process.
  const ownsBus = !opts.bus;
  const bus =
    opts.bus ??
    (app.config.databaseUrl && app.database.engine === 'postgres'
      ? createPostgresEventBus(
          notifyChannel(app.database, LIVE_CHANNEL),
          app.log.child({ component: 'bus' }),
          { onLag: (ms) => app.metrics.busLag.observe(ms / 1000) },
        )
      : createLocalEventBus());
  if (ownsBus) await bus.start();
  const worker = app.config.grading.runWorker
    ? new GradingWorker({
        db: app.database.db,
        pool,
        bus,
        log: app.log.child({ component: 'grading' }),
        metrics: app.metrics.grading,
        ...workerLimits(app.config),
      })
    : undefined;
  app.decorate('grading', { pool, bus, worker });
  app.addHook('onReady', async () => worker?.start());
  app.addHook('onClose', async () => {
    await worker?.stop();
    if (ownsPool) await pool.close();
    if (ownsBus) await bus.close();
  });
}

export default fp(gradingPlugin, { name: 'grading', dependencies: ['database', 'metrics'] });
