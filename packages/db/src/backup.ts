// Backups of the platform's database, and their restore: `pg_dump -Fc` / `pg_restore` on a
// PostgreSQL server, a gzipped tarball of the data directory (PGlite's dumpDataDir) for the
// embedded engine. Messages are in French: the programme's operators read them.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { open, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import postgres from 'postgres';

/** Where the data lives: a PostgreSQL database, or the embedded engine's directory. */
export type BackupTarget = { url: string } | { dataDir: string };

/** A refusal or a failure to tell the operator as it is (French), without a stack trace. */
export class BackupError extends Error {}

/** The first bytes of each kind of backup file. */
const PG_DUMP_MAGIC = Buffer.from('PGDMP', 'latin1');
const GZIP_MAGIC = Buffer.from([0x1f, 0x8b]);

/** `tremplin-<engine>-<UTC date and time>` with the extension of that engine's backups. */
export function defaultBackupFile(target: BackupTarget, now = new Date()): string {
  const stamp = now
    .toISOString()
    .replace(/:/g, '-')
    .replace(/\.\d+Z$/, 'Z');
  return 'url' in target ? `tremplin-postgres-${stamp}.dump` : `tremplin-embedded-${stamp}.tar.gz`;
}

/** Writes a backup of the target to `file`, which must not exist yet. */
export async function backupDatabase(target: BackupTarget, file: string): Promise<void> {
  if (existsSync(file)) throw new BackupError(`Le fichier ${file} existe déjà : choisissez un autre nom.`);
  if ('url' in target) {
    await runPgTool('pg_dump', ['--format=custom', `--file=${file}`], target.url);
    return;
  }
  if (!existsSync(path.join(target.dataDir, 'PG_VERSION')))
    throw new BackupError(`Aucune base embarquée dans ${target.dataDir} : vérifiez DATA_DIR.`);
  const { PGlite } = await import('@electric-sql/pglite');
  const pglite = await PGlite.create({ dataDir: target.dataDir });
  try {
    const dump = await pglite.dumpDataDir('gzip');
    await writeFile(file, Buffer.from(await dump.arrayBuffer()), { flag: 'wx' });
  } finally {
    await pglite.close();
  }
}

/**
 * Restores a backup into the target: a PostgreSQL database holding no table (or any database with
 * `clean`, which drops what the backup holds before recreating it), or an empty or missing data
 * directory for the embedded engine (never over existing files: there, restore into a new directory).
 */
export async function restoreDatabase(
  target: BackupTarget,
  file: string,
  { clean = false }: { clean?: boolean } = {},
): Promise<void> {
  const kind = await backupKind(file);
  if ('url' in target) {
    if (kind !== 'postgres')
      throw new BackupError(
        `${file} est une sauvegarde de la base embarquée : restaurez-la sans DATABASE_URL, dans un DATA_DIR vide.`,
      );
    const tables = await countTables(target.url);
    if (tables > 0 && !clean)
      throw new BackupError(
        `La base de DATABASE_URL n'est pas vide (${tables} tables) : restaurez dans une base neuve ` +
          '(createdb), ou ajoutez --clean pour remplacer son contenu par la sauvegarde.',
      );
    await runPgTool(
      'pg_restore',
      [
        '--no-owner',
        '--no-privileges',
        '--exit-on-error',
        '--single-transaction',
        ...(clean ? ['--clean', '--if-exists'] : []),
        file,
      ],
      target.url,
    );
    await analyze(target.url);
    return;
  }
  if (kind !== 'embedded')
    throw new BackupError(
      `${file} est une sauvegarde PostgreSQL (pg_dump) : restaurez-la avec DATABASE_URL.`,
    );
  if (existsSync(target.dataDir) && readdirSync(target.dataDir).length > 0)
    throw new BackupError(
      `Le dossier ${target.dataDir} n'est pas vide : restaurez dans un dossier vide ou absent, puis pointez DATA_DIR dessus.`,
    );
  const { PGlite } = await import('@electric-sql/pglite');
  const pglite = await PGlite.create({
    dataDir: target.dataDir,
    loadDataDir: new Blob([await readFile(file)]),
  });
  try {
    await pglite.query('select 1');
  } finally {
    await pglite.close();
  }
}

/** Which engine a backup file is for, from its first bytes. */
async function backupKind(file: string): Promise<'postgres' | 'embedded'> {
  const head = Buffer.alloc(PG_DUMP_MAGIC.length);
  try {
    const handle = await open(file, 'r');
    try {
      await handle.read(head, 0, head.length, 0);
    } finally {
      await handle.close();
    }
  } catch {
    throw new BackupError(`Impossible de lire ${file} : vérifiez le chemin du fichier de sauvegarde.`);
  }
  if (head.equals(PG_DUMP_MAGIC)) return 'postgres';
  if (head.subarray(0, GZIP_MAGIC.length).equals(GZIP_MAGIC)) return 'embedded';
  throw new BackupError(`${file} n'est pas une sauvegarde de Tremplin (ni pg_dump -Fc, ni .tar.gz).`);
}

/** Runs `use` over one short-lived connection to the database of `url`. */
async function onDatabase<T>(url: string, use: (sql: postgres.Sql) => Promise<T>): Promise<T> {
  const sql = postgres(url, { max: 1, onnotice: () => {}, connect_timeout: 10 });
  try {
    return await use(sql);
  } finally {
    await sql.end();
  }
}

/** Tables in the database's own schemas (the migrations' bookkeeping included). */
async function countTables(url: string): Promise<number> {
  try {
    return await onDatabase(url, async (sql) => {
      const [row] = await sql<{ tables: number }[]>`
        select count(*)::int as tables from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where c.relkind in ('r', 'p') and n.nspname not in ('pg_catalog', 'information_schema')
          and n.nspname not like 'pg_toast%'`;
      return row!.tables;
    });
  } catch (error) {
    throw new BackupError(`La base de DATABASE_URL est injoignable (${(error as Error).message}).`);
  }
}

/**
 * The planner's statistics of a restored database: pg_restore leaves none (as PostgreSQL's
 * documentation warns), and until autovacuum comes by, the platform's queries run on a fresh
 * database's plans.
 */
function analyze(url: string): Promise<void> {
  return onDatabase(url, async (sql) => {
    await sql`analyze`;
  });
}

/**
 * Runs pg_dump or pg_restore against the database of `url`. The password goes through PGPASSWORD,
 * never the command line that any user of the machine can read.
 */
async function runPgTool(tool: 'pg_dump' | 'pg_restore', args: string[], url: string): Promise<void> {
  const parsed = new URL(url);
  const password = decodeURIComponent(parsed.password);
  parsed.password = '';
  // The tool's own environment (PATH, PGSSLMODE…) passes on: this is no configuration read here.
  // eslint-disable-next-line no-restricted-properties
  const env = { ...process.env, ...(password ? { PGPASSWORD: password } : {}) };
  const child = spawn(tool, [`--dbname=${parsed.toString()}`, ...args], {
    env,
    stdio: ['ignore', 'inherit', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', resolve);
  }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT')
      throw new BackupError(
        `${tool} est introuvable : installez le client PostgreSQL de la version du serveur (paquet postgresql-client-15 ou plus récent).`,
      );
    throw error;
  });
  if (code !== 0) throw new BackupError(`${tool} a échoué (code ${code}) :\n${stderr.trim()}`);
}
