import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import postgres, { type Sql } from 'postgres';
import { startEmbeddedThread, type EmbeddedThread } from './embedded/thread.ts';
import * as schema from './schema/index.ts';

export type Schema = typeof schema;
/** A drizzle database or transaction, whichever engine is behind it. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Engine = 'pglite' | 'postgres';

export interface Database {
  db: Db;
  engine: Engine;
  /** Runs a trivial query; throws when the database cannot be reached. */
  ping(): Promise<void>;
  close(): Promise<void>;
  /**
   * Calls `listener` with each statement sent from now on (tests and benchmarks count the round
   * trips of a path); answers the function that stops it.
   */
  watchStatements(listener: (statement: string) => void): () => void;
}

/** The statement watchers of one database, as a drizzle logger. */
function statementWatchers() {
  const listeners = new Set<(statement: string) => void>();
  return {
    logger: {
      logQuery(statement: string) {
        for (const listener of listeners) listener(statement);
      },
    },
    watchStatements(listener: (statement: string) => void) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}

export interface DatabaseOptions {
  /** postgres://… for a PostgreSQL server; absent for the embedded engine. */
  url?: string | undefined;
  /** Where the embedded engine keeps its files; absent for an in-memory database. */
  dataDir?: string | undefined;
  /** A migrated dump to start the embedded engine from (tests). */
  loadDataDir?: Blob | File | undefined;
  /** The embedded engine's buffer cache (its `shared_buffers`), in MB: EMBEDDED_CACHE_MB by default. */
  embeddedCacheMb?: number | undefined;
  /** Connections in the PostgreSQL pool. */
  poolSize?: number;
  /**
   * A URL straight to PostgreSQL when `url` goes through a pooler in transaction mode (PgBouncer):
   * LISTEN and the migrations' session lock need a connection of their own for as long as they last.
   */
  directUrl?: string | undefined;
  /**
   * Named prepared statements (postgres.js's default). Off behind a pooler in transaction mode that
   * does not track them (PgBouncer before 1.21, or without max_prepared_statements): the next
   * transaction may run on a server connection that never saw the statement.
   */
  prepare?: boolean;
}

/**
 * The client for what needs a session of its own (LISTEN, session advisory locks): the direct
 * connection when the pool goes through a pooler, else the pool itself.
 */
const sessionClients = new WeakMap<Db, Sql>();

/** The postgres.js client that holds sessions for `database` (PostgreSQL only). */
export function sessionClientOf(database: Database): Sql {
  const client = sessionClients.get(database.db);
  if (!client) throw new Error('sessions of their own need a PostgreSQL server');
  return client;
}

/**
 * The embedded engine's buffer cache, in MB, unless told otherwise. PostgreSQL's default of 128 MB
 * suits a server of its own; the embedded engine shares the API's process, and the pages it does not
 * keep stay in the operating system's file cache, a system call away, made by the engine's own
 * thread (ADR 0012), not the API's. PGlite fills its cache when it starts, so every megabyte of it
 * is resident from the first second: 16 MB holds the whole demo programme (11 MB) and leaves the
 * server about 17 MB lighter than 32 MB did (docs/performance.md).
 */
export const EMBEDDED_CACHE_MB = 16;

/**
 * Opens the database: PostgreSQL when a URL is given, else the embedded engine (PGlite) in a
 * thread of its own. Both are spoken to through postgres.js, with the same statements.
 */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  const connection = { onnotice: () => {}, connect_timeout: 10 };
  const prepare = options.prepare ?? true;
  if (options.url) {
    const pool = postgres(options.url, {
      ...connection,
      idle_timeout: 60,
      max: options.poolSize ?? 10,
      prepare,
    });
    // postgres.js connects on first use: a process that never listens nor migrates opens none.
    const direct = options.directUrl
      ? postgres(options.directUrl, { ...connection, idle_timeout: 60, max: 1 })
      : undefined;
    return overPostgresJs('postgres', pool, prepare, direct, () =>
      Promise.all([pool.end({ timeout: 5 }), direct?.end({ timeout: 5 })]).then(() => {}),
    );
  }
  const thread = await startEmbeddedThread({
    dataDir: options.dataDir,
    loadDataDir: options.loadDataDir,
    cacheMb: options.embeddedCacheMb ?? EMBEDDED_CACHE_MB,
  });
  // PGlite is one session: one connection, kept for the thread's life (its prepared statements
  // live in that session), every statement and transaction through it in turn.
  const pool = postgres({
    ...connection,
    path: thread.socketPath,
    username: 'postgres',
    database: 'postgres',
    max: 1,
    idle_timeout: 0,
    max_lifetime: 0,
    prepare,
  });
  const database = overPostgresJs('pglite', pool, prepare, undefined, async () => {
    await pool.end({ timeout: 5 });
    await thread.close();
  });
  embeddedThreads.set(database.db, thread);
  return database;
}

/** The database behind a postgres.js pool: drizzle over it, and what ends it. */
function overPostgresJs(
  engine: Engine,
  pool: Sql,
  prepare: boolean,
  direct: Sql | undefined,
  end: () => Promise<void>,
): Database {
  const client = prepare ? preparingStatements(pool) : pool;
  const { logger, watchStatements } = statementWatchers();
  const db = drizzlePostgres(client, { schema, logger }) as unknown as Db;
  if (engine === 'postgres') sessionClients.set(db, direct ?? client);
  let ended: Promise<void> | undefined;
  return {
    db,
    engine,
    watchStatements,
    ping: async () => {
      await client`select 1`;
    },
    close: () => (ended ??= end()),
  };
}

const embeddedThreads = new WeakMap<Db, EmbeddedThread>();

/** A tarball of an embedded database's data directory (a migrated template for tests). */
export async function dumpEmbedded(database: Database, compression: 'none' | 'gzip' = 'none'): Promise<Blob> {
  const thread = embeddedThreads.get(database.db);
  if (!thread) throw new Error('only the embedded engine has a data directory to dump');
  return thread.dump(compression);
}

/** The most parameters of a statement that is prepared (see `preparingStatements`). */
export const PREPARED_PARAMETERS_AT_MOST = 32;

/**
 * The postgres.js client as drizzle should use it: every statement with parameters named and
 * prepared once per connection. Drizzle sends its queries unnamed (`prepare: false`), for which
 * postgres.js asks PostgreSQL for the parameters' types first and waits, then binds: two round trips,
 * and the statement parsed and planned again on every call. Prepared, the next calls on that
 * connection are one round trip, never parsed again, and PostgreSQL keeps a generic plan where it
 * costs no more than a custom one. Transactions and savepoints hand drizzle a client of their own,
 * wrapped the same way. Without parameters postgres.js sends a simple query, as before.
 *
 * A prepared statement lives as long as its connection, and every distinct text is one more: a
 * list of ids (`in ($1, …, $n)`) makes one statement per length, a batch insert one per row count.
 * Statements with more than PREPARED_PARAMETERS_AT_MOST parameters (long lists, batches: rare, and
 * large enough that planning is a small part of them) go unnamed, which bounds how many texts a
 * connection keeps.
 */
function preparingStatements(client: Sql): Sql {
  const wrapped = new WeakMap<object, Sql>();
  const wrap = (target: Sql): Sql => {
    let proxy = wrapped.get(target);
    if (proxy) return proxy;
    const within =
      (method: 'begin' | 'savepoint') =>
      (...args: unknown[]) => {
        const at = args.findIndex((a) => typeof a === 'function');
        const use = args[at] as (sql: Sql) => unknown;
        args[at] = (inner: Sql) => use(wrap(inner));
        return (Reflect.get(target, method) as (...a: unknown[]) => unknown)(...args);
      };
    proxy = new Proxy(target, {
      get(on, property, receiver) {
        if (property === 'unsafe')
          return (query: string, parameters: never[] = [], queryOptions: object = {}) =>
            on.unsafe(
              query,
              parameters,
              parameters.length > 0 && parameters.length <= PREPARED_PARAMETERS_AT_MOST
                ? { ...queryOptions, prepare: true }
                : queryOptions,
            );
        if (property === 'begin' || property === 'savepoint') return within(property);
        return Reflect.get(on, property, receiver);
      },
    });
    wrapped.set(target, proxy);
    return proxy;
  };
  return wrap(client);
}
