// `pnpm db:migrate`: applies the migrations to DATABASE_URL, or to the embedded database in DATA_DIR (./data).
import { migrate, openDatabase } from '../index.ts';

const database = await openDatabase({
  url: process.env.DATABASE_URL,
  dataDir: process.env.DATABASE_URL ? undefined : (process.env.DATA_DIR ?? 'data'),
});
try {
  await migrate(database);
  console.log(`Migrations applied (${database.engine}).`);
} finally {
  await database.close();
}
