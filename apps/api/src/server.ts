// Boots Tremplin: validates the configuration, opens and migrates the database, seeds the demo
// programme into an empty embedded database (never in production, where public demo accounts stop
// the start), then serves pages, API and socket on one port.
import { mkdirSync } from 'node:fs';
import {
  findDemoAccounts,
  migrate,
  openDatabase,
  seedDemoProgramme,
  seedDemoWork,
  type Database,
} from '@tremplin/db';
import { buildApp } from './app.ts';
import { ConfigError, databaseOptions, loadConfig, type Config } from './config.ts';
import { loggerOptions } from './logger.ts';

function fail(message: string): never {
  console.error(`Tremplin cannot start: ${message}`);
  process.exit(1);
}

let config: Config;
try {
  config = loadConfig();
} catch (error) {
  if (error instanceof ConfigError) fail(error.message);
  throw error;
}

let database: Database;
try {
  if (!config.databaseUrl) mkdirSync(config.dataDir, { recursive: true });
  database = await openDatabase(databaseOptions(config));
  await database.ping();
} catch (error) {
  fail(
    config.databaseUrl
      ? `the database at DATABASE_URL cannot be reached (${(error as Error).message}).`
      : `the embedded database in ${config.dataDir} cannot be opened (${(error as Error).message}).`,
  );
}

const app = await buildApp({ config, database, logger: loggerOptions(config) });
try {
  await migrate(database);
  if (config.seedDemo) {
    const { seeded } = await seedDemoProgramme(database.db);
    if (seeded) {
      // The demo's first submissions, graded by the worker below like any other: the graders' queue.
      await seedDemoWork(database.db);
      app.log.info('demo programme seeded: sign in as etudiant1@tremplin.test / tremplin-demo');
    }
  }
} catch (error) {
  app.log.fatal({ err: error }, 'migration or seeding failed');
  await database.close();
  process.exit(1);
}

if (config.production) {
  const demoAccounts = await findDemoAccounts(database.db);
  if (demoAccounts.length > 0) {
    await database.close();
    fail(
      `${demoAccounts.length} demo accounts (${demoAccounts[0]!.email}, …) open with the public demo password ` +
        'and NODE_ENV is production. Remove them with `pnpm db:remove-demo` ' +
        '(same DATABASE_URL or DATA_DIR; in the image: `node packages/db/src/cli/remove-demo.ts`), then start again.',
    );
  }
}

let stopping = false;
async function stop(signal: string) {
  if (stopping) return;
  stopping = true;
  app.log.info({ signal }, 'stopping: finishing requests in flight');
  const timer = setTimeout(() => {
    app.log.error('in-flight requests did not finish in time; exiting');
    process.exit(1);
  }, config.shutdownGraceMs);
  timer.unref();
  try {
    await app.close();
    await database.close();
    process.exit(0);
  } catch (error) {
    app.log.error({ err: error }, 'error while stopping');
    process.exit(1);
  }
}
process.once('SIGTERM', () => void stop('SIGTERM'));
process.once('SIGINT', () => void stop('SIGINT'));

try {
  await app.listen({ port: config.port, host: config.host });
  app.log.info(`Tremplin is ready at http://localhost:${config.port} (${database.engine})`);
} catch (error) {
  app.log.fatal({ err: error }, 'cannot listen');
  await database.close();
  process.exit(1);
}
