// Behind a pooler in transaction mode (PgBouncer), each transaction may run on another server
// session: named prepared statements and LISTEN cannot cross, so the client can do without the
// first and sends the second straight to PostgreSQL. The embedded engine has no pooler.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  EMBEDDED_CACHE_MB,
  openDatabase,
  PREPARED_PARAMETERS_AT_MOST,
  sessionClientOf,
  type Database,
} from './client.ts';
import { MIGRATION_LOCK, migrate } from './migrate.ts';
import { rowsOf } from './queries/dashboards.ts';
import { notifyChannel } from './queries/tutoring/bus.ts';
import { eq, inArray } from 'drizzle-orm';
import { users } from './schema/index.ts';
import { createTestDatabase, type TestDatabase } from './test-support/index.ts';
import { templateDump } from './test-support/names.ts';

let source: TestDatabase;
const opened: Database[] = [];

/** The test database under another application name: which connection did what shows in pg_stat_activity. */
const named = (name: string) => {
  const url = new URL(source.url!);
  url.searchParams.set('application_name', name);
  return url.toString();
};

async function open(options: { prepare: boolean; direct?: boolean }): Promise<Database> {
  const database = await openDatabase({
    url: named('tremplin_pooled'),
    ...(options.direct ? { directUrl: named('tremplin_direct') } : {}),
    poolSize: 1,
    prepare: options.prepare,
  });
  opened.push(database);
  return database;
}

/** Named statements the single pooled connection holds, after a prepared query ran on it. */
async function namedStatements(database: Database): Promise<number> {
  await database.db
    .select({ id: users.id })
    .from(users)
    .where(sql`${users.email} = ${sql.placeholder('email')}`)
    .prepare('by_email')
    .execute({ email: 'etudiant1@tremplin.test' });
  const [row] = await rowsOf<{ count: number }>(
    database.db,
    sql`select count(*)::int as count from pg_prepared_statements`,
  );
  return row!.count;
}

beforeAll(async () => {
  source = await createTestDatabase();
});
afterAll(async () => {
  for (const database of opened) await database.close();
  await source.close();
});

describe('a database behind a pooler in transaction mode', () => {
  it('prepares no named statement when asked not to', async () => {
    if (!source.url) {
      expect(() => sessionClientOf(source)).toThrow(/PostgreSQL server/);
      return;
    }
    expect(await namedStatements(await open({ prepare: true }))).toBeGreaterThan(0);
    expect(await namedStatements(await open({ prepare: false }))).toBe(0);
  });

  it('listens and holds the migrations lock on the direct connection, notifies through the pool', async () => {
    if (!source.url) {
      expect(() => notifyChannel(source, 'tremplin_test')).toThrow(/PostgreSQL server/);
      return;
    }
    const database = await open({ prepare: false, direct: true });
    // Another instance migrating: this one waits for the lock, on its direct connection.
    const other = await sessionClientOf(source).reserve();
    await other`select pg_advisory_lock(${MIGRATION_LOCK})`;
    const migrated = migrate(database);
    let waiting: string[] = [];
    while (waiting.length === 0) {
      const rows = await rowsOf<{ application_name: string }>(
        source.db,
        sql`select a.application_name from pg_locks l join pg_stat_activity a on a.pid = l.pid
            where l.locktype = 'advisory' and l.objid = ${MIGRATION_LOCK} and not l.granted`,
      );
      waiting = rows.map((row) => row.application_name);
    }
    expect(waiting).toEqual(['tremplin_direct']);
    await other`select pg_advisory_unlock(${MIGRATION_LOCK})`;
    other.release();
    await migrated;

    const channel = notifyChannel(database, 'tremplin_pooler_test');
    const heard: string[] = [];
    const { promise: arrived, resolve } = Promise.withResolvers<void>();
    const stop = await channel.listen((payload) => {
      heard.push(payload);
      resolve();
    });
    const listeners = await rowsOf<{ application_name: string }>(
      source.db,
      sql`select application_name from pg_stat_activity
          where datname = current_database() and query ilike 'listen %'`,
    );
    expect(listeners.map((row) => row.application_name)).toEqual(['tremplin_direct']);
    await channel.notify('hello');
    await arrived;
    expect(heard).toEqual(['hello']);
    await stop();
  });
});

describe('drizzle’s ordinary queries on PostgreSQL', () => {
  /** The statements the single connection holds that read users by e-mail. */
  const preparedReads = async (database: Database) =>
    (
      await rowsOf<{ statement: string }>(
        database.db,
        sql`select statement from pg_prepared_statements where statement like '%from "users" where "users"."email" = $1%'`,
      )
    ).length;
  const read = (db: Database['db'], email: string) =>
    db.select({ id: users.id }).from(users).where(eq(users.email, email));

  it('are prepared once per connection and reused, in transactions and savepoints too', async () => {
    if (!source.url) {
      expect(source.engine).toBe('pglite');
      return;
    }
    const database = await open({ prepare: true });
    const [first] = await read(database.db, 'etudiant1@tremplin.test');
    expect(first?.id).toBeTruthy();
    expect(await preparedReads(database)).toBe(1);
    // The same statement again, with other values, in a transaction and in a savepoint: no new one.
    const inside = await database.db.transaction(async (tx) => {
      const [again] = await read(tx, 'etudiant2@tremplin.test');
      const [nested] = await tx.transaction(async (savepoint) => read(savepoint, 'etudiant1@tremplin.test'));
      return [again?.id, nested?.id];
    });
    expect(inside[0]).toBeTruthy();
    expect(inside[0]).not.toBe(first!.id);
    expect(inside[1]).toBe(first!.id);
    expect(await preparedReads(database)).toBe(1);

    // A long list of values goes unnamed: each length would be one more statement kept.
    const many = Array.from(
      { length: PREPARED_PARAMETERS_AT_MOST + 1 },
      (_, i) => `nobody${i}@tremplin.test`,
    );
    const longList = () => database.db.select({ id: users.id }).from(users).where(inArray(users.email, many));
    expect(await longList()).toEqual([]);
    expect(
      (
        await rowsOf<{ statement: string }>(
          database.db,
          sql`select statement from pg_prepared_statements where statement like '%"users"."email" in ($1, $2%'`,
        )
      ).length,
    ).toBe(0);

    const unprepared = await open({ prepare: false });
    expect((await read(unprepared.db, 'etudiant1@tremplin.test'))[0]?.id).toBe(first!.id);
    expect(await preparedReads(unprepared)).toBe(0);
  });
});

describe('the embedded engine', () => {
  const sharedBuffers = async (database: Database) =>
    (await rowsOf<{ shared_buffers: string }>(database.db, sql`show shared_buffers`))[0]!.shared_buffers;
  let told: Database;
  beforeAll(async () => {
    // From the run's migrated dump when the suite runs on PGlite; on PostgreSQL there is none.
    told = await openDatabase({
      embeddedCacheMb: 8,
      ...(source.url ? {} : { loadDataDir: templateDump('migrated') }),
    });
    opened.push(told);
  });

  it(`keeps a buffer cache of ${EMBEDDED_CACHE_MB} MB unless told otherwise`, async () => {
    expect(told.engine).toBe('pglite');
    expect(await sharedBuffers(told)).toBe('8MB');
    if (!source.url) expect(await sharedBuffers(source)).toBe(`${EMBEDDED_CACHE_MB}MB`);
  });

  it('reads dates and timestamps as drizzle wants them: as PostgreSQL writes them', async () => {
    const read = sql`select '2026-12-06 10:00:00+00'::timestamptz as at, array['2026-12-06'::date] as days,
      '1 day'::interval as span, array[1.5]::numeric[] as amounts`;
    const text = { at: '2026-12-06 10:00:00+00', days: '{2026-12-06}', span: '1 day', amounts: '{1.5}' };
    expect(await rowsOf(told.db, read)).toEqual([text]);
    expect(await told.db.transaction((tx) => rowsOf(tx, read))).toEqual([text]);
  });
});
