// `pnpm start:grader`: a grading worker on its own (another process or machine), pulling
// submissions from the PostgreSQL queue that the API instances fill; its metrics on METRICS_PORT.
import { notifyChannel, openDatabase } from '@tremplin/db';
import { createGraderPool } from '@tremplin/grader';
import pino from 'pino';
import { ConfigError, databaseOptions, loadConfig, type Config } from './config.ts';
import { createPostgresEventBus, LIVE_CHANNEL } from './grading/events.ts';
import { GradingWorker, workerLimits } from './grading/grading-worker.ts';
import { logDestination } from './logger.ts';
import { createMetrics } from './metrics/metrics.ts';
import { serveMetrics } from './metrics/server.ts';

let config: Config;
try {
  config = loadConfig();
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(`The grader cannot start: ${error.message}`);
    process.exit(1);
  }
  throw error;
}
if (!config.databaseUrl) {
  console.error(
    'The grader cannot start: a separate grader needs DATABASE_URL (the embedded database grades in the API).',
  );
  process.exit(1);
}

const log = pino({ level: config.logLevel }, logDestination());
const database = await openDatabase(databaseOptions(config));
try {
  await database.ping();
} catch (error) {
  log.fatal({ err: error }, 'the database at DATABASE_URL cannot be reached');
  process.exit(1);
}
const metrics = createMetrics(database.db, log);
const pool = createGraderPool({
  size: config.grading.poolSize,
  ceiling: config.grading.ceiling,
  onOutcome: metrics.grading.sandboxOutcome,
});
// The API instances' bus: a submission queued on any of them wakes this worker at once, and the
// grades it records reach the learners' live feeds on whichever instance they are connected to.
const bus = createPostgresEventBus(notifyChannel(database, LIVE_CHANNEL), log.child({ component: 'bus' }));
await bus.start();
const worker = new GradingWorker({
  db: database.db,
  pool,
  bus,
  log,
  metrics: metrics.grading,
  ...workerLimits(config),
});
const metricsServer =
  config.metrics.port === 0
    ? undefined
    : await serveMetrics({
        metrics,
        token: config.metrics.token,
        port: config.metrics.port,
        host: config.host,
        log,
      }).catch((error: unknown) => {
        // Grading matters more than its metrics: a port taken (another grader on this machine with
        // the same METRICS_PORT) is reported, and this grader grades all the same.
        log.error(
          { err: error, port: config.metrics.port },
          'the metrics are not served: METRICS_PORT cannot be used (give each grader of a machine its own)',
        );
        return undefined;
      });
worker.start();
log.info({ workerId: worker.id, processes: pool.size, metricsPort: metricsServer?.port }, 'grader ready');

let stopping = false;
async function stop(signal: string) {
  if (stopping) return;
  stopping = true;
  log.info({ signal }, 'stopping: finishing the submissions in hand');
  metricsServer?.server.close();
  await worker.stop();
  await bus.close();
  await pool.close();
  await database.close();
  process.exit(0);
}
process.once('SIGTERM', () => void stop('SIGTERM'));
process.once('SIGINT', () => void stop('SIGINT'));
