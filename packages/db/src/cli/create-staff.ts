// `pnpm db:create-staff --email … --name "…" --role admin|coordinator|author|grader`: the first staff
// accounts of a new database (DATABASE_URL, or the embedded one in DATA_DIR). Prints a one-time link
// (14 days) by which the holder chooses their own password; run it again for a new link.
import { parseArgs } from 'node:util';
import { createStaffAccount, migrate, openDatabase, PROGRAMME_ROLES, StaffAccountError } from '../index.ts';
import type { StaffRole } from '../index.ts';
import { databaseFromEnv } from './env.ts';

const USAGE =
  'usage : pnpm db:create-staff --email <adresse> --name "<nom affiché>" --role <' +
  PROGRAMME_ROLES.join('|') +
  '>\n  PUBLIC_ORIGIN (ex. https://tremplin.example.tg) complète le lien affiché.';

let values: { email?: string | undefined; name?: string | undefined; role?: string | undefined };
try {
  ({ values } = parseArgs({
    options: { email: { type: 'string' }, name: { type: 'string' }, role: { type: 'string' } },
  }));
} catch (error) {
  console.error(`${(error as Error).message}\n${USAGE}`);
  process.exit(2);
}
if (!values.email || !values.name || !values.role) {
  console.error(USAGE);
  process.exit(2);
}

const database = await openDatabase(databaseFromEnv());
try {
  await migrate(database);
  const account = await createStaffAccount(database.db, {
    email: values.email,
    name: values.name,
    role: values.role as StaffRole,
  });
  const origin = (process.env.PUBLIC_ORIGIN ?? '').split(',')[0]!.trim().replace(/\/$/, '');
  console.log(
    `${account.created ? 'Compte créé' : 'Compte existant'} (${database.engine}) : ${values.email.trim().toLowerCase()}, rôles ${account.roles.join(', ')}.`,
  );
  console.log(
    `Lien à usage unique pour choisir le mot de passe, valable jusqu'au ${account.expiresAt.toISOString()} :\n  ${origin}${account.activationPath}`,
  );
} catch (error) {
  if (!(error instanceof StaffAccountError)) throw error;
  console.error(error.message);
  process.exitCode = 1;
} finally {
  await database.close();
}
