// `pnpm db:migrate`: applies the migrations to DATABASE_URL, or to the embedded database in DATA_DIR (./data).
import { migrate, openDatabase } from '../index.ts';
import { databaseFromEnv } from './env.ts';

const database = await openDatabase(databaseFromEnv());
try {
  await migrate(database);
  console.log(`Migrations applied (${database.engine}).`);
} finally {
  await database.close();
}
