// `pnpm start:grader`: a grading worker on its own (another process or machine), pulling
// submissions from the PostgreSQL queue that the API instances fill.
import { openDatabase } from '@tremplin/db';
import { createGraderPool } from '@tremplin/grader';
import pino from 'pino';
import { ConfigError, loadConfig, type Config } from './config.ts';
import { createLocalEventBus } from './grading/events.ts';
import { GradingWorker, workerLimits } from './grading/grading-worker.ts';

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

const log = pino({ level: config.logLevel });
const database = await openDatabase({ url: config.databaseUrl });
try {
  await database.ping();
} catch (error) {
  log.fatal({ err: error }, 'the database at DATABASE_URL cannot be reached');
  process.exit(1);
}
const pool = createGraderPool({ size: config.grading.poolSize, ceiling: config.grading.ceiling });
const worker = new GradingWorker({
  db: database.db,
  pool,
  bus: createLocalEventBus(),
  log,
  ...workerLimits(config),
});
worker.start();
log.info({ workerId: worker.id, processes: pool.size }, 'grader ready');

let stopping = false;
async function stop(signal: string) {
  if (stopping) return;
  stopping = true;
  log.info({ signal }, 'stopping: finishing the submissions in hand');
  await worker.stop();
  await pool.close();
  await database.close();
  process.exit(0);
}
process.once('SIGTERM', () => void stop('SIGTERM'));
process.once('SIGINT', () => void stop('SIGINT'));
