import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { asc, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BackupError, backupDatabase, restoreDatabase, type BackupTarget } from './backup.ts';
import { openDatabase, type Db } from './client.ts';
import { migrate } from './migrate.ts';
import { rowsOf } from './queries/dashboards.ts';
import { gradingJobs, submissions } from './schema/index.ts';
import { seedDemoWork } from './seed/demo-work.ts';
import { createEmptyPostgresDatabase, createTestDatabase, onPostgres } from './test-support/index.ts';

const work = mkdtempSync(path.join(os.tmpdir(), 'tremplin-backup-'));
const file = path.join(work, onPostgres ? 'backup.dump' : 'backup.tar.gz');
const dropAfter: (() => Promise<void>)[] = [];
let source: BackupTarget;
let saved: { submissions: unknown[]; jobs: unknown[] };

const contents = async (db: Db) => ({
  submissions: await db.select().from(submissions).orderBy(asc(submissions.id)),
  jobs: await db.select().from(gradingJobs).orderBy(asc(gradingJobs.id)),
});

/** A database with no data yet: an empty PostgreSQL database, or a data directory not yet made. */
async function freshTarget(name: string): Promise<BackupTarget> {
  if (!onPostgres) return { dataDir: path.join(work, name) };
  const fresh = await createEmptyPostgresDatabase();
  dropAfter.push(fresh.drop);
  return { url: fresh.url };
}

async function readBack(target: BackupTarget) {
  const database = await openDatabase('url' in target ? { url: target.url, poolSize: 2 } : target);
  try {
    // The migrations' bookkeeping came back too: nothing is left to apply.
    await migrate(database);
    return await contents(database.db);
  } finally {
    await database.close();
  }
}

/** The tables the planner has statistics for (pg_restore leaves none; the restore analyzes). */
async function analyzedTables(url: string): Promise<string[]> {
  const database = await openDatabase({ url, poolSize: 1 });
  try {
    const rows = await rowsOf<{ name: string }>(
      database.db,
      sql`select distinct tablename as name from pg_stats where schemaname = 'public'`,
    );
    return rows.map((r) => r.name);
  } finally {
    await database.close();
  }
}

beforeAll(async () => {
  // The seeded programme plus the demo's queued submissions, some of them graded.
  const database = await createTestDatabase({ dataDir: path.join(work, 'source') });
  source = database.url ? { url: database.url } : { dataDir: path.join(work, 'source') };
  try {
    expect(await seedDemoWork(database.db)).toBeGreaterThan(0);
    saved = await contents(database.db);
    if (database.url) await backupDatabase(source, file);
  } finally {
    await database.close();
  }
  // The embedded engine is backed up once its server has stopped (one process per data directory).
  if (!onPostgres) await backupDatabase(source, file);
}, 60_000);

afterAll(async () => {
  for (const drop of dropAfter) await drop();
  rmSync(work, { recursive: true, force: true });
});

describe(`a backup (${onPostgres ? 'PostgreSQL, pg_dump' : 'embedded, data directory'})`, () => {
  it('restores into a fresh database with every submission and grading job', async () => {
    expect(saved.submissions.length).toBeGreaterThan(0);
    const target = await freshTarget('restored');
    await restoreDatabase(target, file);
    expect(await readBack(target)).toEqual(saved);
    if ('url' in target) expect(await analyzedTables(target.url)).toContain('submissions');
  }, 60_000);

  it('never overwrites a file', async () => {
    await expect(backupDatabase(source, file)).rejects.toThrow(/existe déjà/);
  });

  it('refuses to restore over data, unless --clean on PostgreSQL', async () => {
    const target = await freshTarget('twice');
    await restoreDatabase(target, file);
    const refusal = restoreDatabase(target, file);
    await expect(refusal).rejects.toBeInstanceOf(BackupError);
    await expect(refusal).rejects.toThrow(/n'est pas vide/);
    if (!onPostgres) return;
    await restoreDatabase(target, file, { clean: true });
    expect(await readBack(target)).toEqual(saved);
  }, 60_000);

  it('says which engine a backup belongs to, and refuses any other file', async () => {
    const other = path.join(work, onPostgres ? 'other.tar.gz' : 'other.dump');
    writeFileSync(other, onPostgres ? Buffer.from([0x1f, 0x8b, 8, 0, 0]) : 'PGDMP…');
    await expect(restoreDatabase(await freshTarget('other'), other)).rejects.toThrow(
      onPostgres ? /sauvegarde de la base embarquée/ : /sauvegarde PostgreSQL/,
    );
    const junk = path.join(work, 'notes.txt');
    writeFileSync(junk, 'hello');
    await expect(restoreDatabase(await freshTarget('junk'), junk)).rejects.toThrow(
      /n'est pas une sauvegarde de Tremplin/,
    );
  });
});
