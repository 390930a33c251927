// `pnpm db:remove-demo`: closes the demo accounts (public password) of DATABASE_URL, or of the
// embedded database in DATA_DIR (./data), so that the server may start in production.
import { migrate, openDatabase, removeDemoAccounts } from '../index.ts';
import { databaseFromEnv } from './env.ts';

const database = await openDatabase(databaseFromEnv());
try {
  await migrate(database);
  const removed = await removeDemoAccounts(database.db);
  console.log(
    removed.length > 0
      ? `${removed.length} demo accounts disabled, their password replaced (${database.engine}).`
      : `No demo account with the public password remains (${database.engine}).`,
  );
} finally {
  await database.close();
}
