// `pnpm db:seed`: migrates, then seeds the demo programme into a database that holds no user yet.
import { migrate, openDatabase, seedDemoProgramme } from '../index.ts';

const database = await openDatabase({
  url: process.env.DATABASE_URL,
  dataDir: process.env.DATABASE_URL ? undefined : (process.env.DATA_DIR ?? 'data'),
});
try {
  await migrate(database);
  const { seeded } = await seedDemoProgramme(database.db);
  console.log(
    seeded
      ? `Demo programme seeded (${database.engine}).`
      : 'The database already holds users: the demo programme was not seeded.',
  );
} finally {
  await database.close();
}
