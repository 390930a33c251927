// Test databases: a copy of the migrated (or migrated and seeded) template, private to the caller.
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { openDatabase, type Database, type Db } from '../client.ts';
import { dropTestDatabase, templateDump, templateName, withDatabaseName } from './names.ts';

export interface TestDatabase extends Database {
  /** The URL of the private PostgreSQL database, when the suite runs on PostgreSQL. */
  url?: string;
}

/**
 * A fresh database for one test file: PGlite loaded from the global setup's dump (in memory, or
 * in `dataDir`), or (with DATABASE_URL) a PostgreSQL database created from the template and dropped
 * on close.
 */
export async function createTestDatabase({
  seed = true,
  dataDir,
}: { seed?: boolean; dataDir?: string } = {}): Promise<TestDatabase> {
  const kind = seed ? 'seeded' : 'migrated';
  const url = process.env.DATABASE_URL;
  if (!url) {
    return openDatabase({ loadDataDir: templateDump(kind), dataDir });
  }
  const scratch = await createScratchPostgresDatabase(`template "${templateName(url, kind)}"`);
  const database = await openDatabase({ url: scratch.url, poolSize: 4 });
  return {
    ...database,
    url: scratch.url,
    close: async () => {
      await database.close();
      await scratch.drop();
    },
  };
}

/** A PostgreSQL database with no table at all (what a restore starts from), beside DATABASE_URL's. */
export function createEmptyPostgresDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  return createScratchPostgresDatabase('');
}

async function createScratchPostgresDatabase(
  options: string,
): Promise<{ url: string; drop(): Promise<void> }> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('a PostgreSQL test database needs DATABASE_URL');
  const name = `tremplin_t_${randomBytes(6).toString('hex')}`;
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database "${name}" ${options}`);
  } finally {
    await admin.end();
  }
  return {
    url: withDatabaseName(url, name),
    drop: async () => {
      const dropper = postgres(url, { max: 1, onnotice: () => {} });
      try {
        await dropTestDatabase(dropper, name);
      } finally {
        await dropper.end();
      }
    },
  };
}

export { templateDump, withDatabaseName };

/** Whether the suite runs on PostgreSQL rather than the embedded engine. */
export const onPostgres = Boolean(process.env.DATABASE_URL);

const IMMUTABILITY_TRIGGERS = [
  ['module_versions', 'module_versions_immutable'],
  ['lessons', 'lessons_immutable'],
  ['exercises', 'exercises_immutable'],
] as const;

/**
 * Tests only: runs `change` on published content (a demo exercise rewritten in place) with the
 * immutability triggers off, inside one transaction that turns them back on before it commits.
 */
export async function changePublishedContent<T>(db: Db, change: (tx: Db) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    for (const [table, trigger] of IMMUTABILITY_TRIGGERS)
      await tx.execute(sql.raw(`alter table "${table}" disable trigger "${trigger}"`));
    const result = await change(tx);
    for (const [table, trigger] of IMMUTABILITY_TRIGGERS)
      await tx.execute(sql.raw(`alter table "${table}" enable trigger "${trigger}"`));
    return result;
  });
}
