// `pnpm db:seed`: migrates, then seeds the demo programme into a database that holds no user yet.
import { migrate, openDatabase, seedDemoProgramme, seedDemoWork } from '../index.ts';
import { databaseFromEnv } from './env.ts';

const database = await openDatabase(databaseFromEnv());
try {
  await migrate(database);
  const { seeded } = await seedDemoProgramme(database.db);
  // Queued for grading: the API's worker grades them when it starts.
  if (seeded) await seedDemoWork(database.db);
  console.log(
    seeded
      ? `Demo programme seeded (${database.engine}).`
      : 'The database already holds users: the demo programme was not seeded.',
  );
} finally {
  await database.close();
}
