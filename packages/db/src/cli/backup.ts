// `pnpm db:backup [file]` and `pnpm db:restore <file> [--clean]`: the PostgreSQL database of
// DATABASE_URL (pg_dump -Fc / pg_restore; DATABASE_DIRECT_URL when set), else the embedded one in
// DATA_DIR (./data, a .tar.gz of the directory).
// Stop the server and the graders first on the embedded engine, and before a restore on either.
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  BackupError,
  backupDatabase,
  defaultBackupFile,
  restoreDatabase,
  type BackupTarget,
} from '../backup.ts';
import { databaseFromEnv } from './env.ts';

const USAGE = 'usage : pnpm db:backup [fichier] | pnpm db:restore <fichier> [--clean]';

const target: BackupTarget = databaseFromEnv();
const where =
  'url' in target ? 'la base PostgreSQL de DATABASE_URL' : `la base embarquée de ${target.dataDir}`;
// On PostgreSQL the candidates' documents stay on the API's disk, outside the database.
const uploads = path.resolve(process.env.DATA_DIR || 'data', 'uploads');

const { positionals, values } = parseArgs({
  args: process.argv.slice(2),
  allowPositionals: true,
  options: { clean: { type: 'boolean', default: false } },
});
const [command, file, ...rest] = positionals;

try {
  if (command === 'backup' && rest.length === 0 && !values.clean) {
    const out = file ?? defaultBackupFile(target);
    await backupDatabase(target, out);
    console.log(`Sauvegarde de ${where} écrite dans ${out}.`);
    if ('url' in target && existsSync(uploads) && readdirSync(uploads).length > 0)
      console.log(
        `Les pièces jointes des candidatures (${uploads}) n'y sont pas : copiez ce dossier à part.`,
      );
  } else if (command === 'restore' && file && rest.length === 0) {
    await restoreDatabase(target, file, { clean: values.clean });
    console.log(
      `Sauvegarde ${file} restaurée dans ${where}. Démarrez le serveur : il applique les migrations plus récentes.`,
    );
  } else {
    console.error(USAGE);
    process.exitCode = 2;
  }
} catch (error) {
  if (!(error instanceof BackupError)) throw error;
  console.error(error.message);
  process.exitCode = 1;
}
