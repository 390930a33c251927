import { PGlite, types, type QueryOptions, type Transaction } from '@electric-sql/pglite';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import postgres, { type Sql } from 'postgres';
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
 * keep stay in the operating system's file cache, a system call away. PGlite fills its cache when it
 * starts, so every megabyte of it is resident from the first second: 32 MB holds the demo programme
 * many times over and leaves the server about 100 MB lighter (docs/performance.md).
 */
export const EMBEDDED_CACHE_MB = 32;

/** Opens the database: PostgreSQL through postgres.js when a URL is given, PGlite otherwise. */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.url) {
    const connection = { onnotice: () => {}, connect_timeout: 10, idle_timeout: 60 };
    const prepare = options.prepare ?? true;
    const pool = postgres(options.url, { ...connection, max: options.poolSize ?? 10, prepare });
    const client = prepare ? preparingStatements(pool) : pool;
    // postgres.js connects on first use: a process that never listens nor migrates opens none.
    const direct = options.directUrl ? postgres(options.directUrl, { ...connection, max: 1 }) : undefined;
    const { logger, watchStatements } = statementWatchers();
    const db = drizzlePostgres(client, { schema, logger }) as unknown as Db;
    sessionClients.set(db, direct ?? client);
    return {
      db,
      engine: 'postgres',
      watchStatements,
      ping: async () => {
        await client`select 1`;
      },
      close: async () => {
        await Promise.all([client.end({ timeout: 5 }), direct?.end({ timeout: 5 })]);
      },
    };
  }
  const client = await PGlite.create({
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
    startParams: [
      ...PGlite.defaultStartParams,
      '-c',
      `shared_buffers=${options.embeddedCacheMb ?? EMBEDDED_CACHE_MB}MB`,
    ],
  });
  parsingOnce(client);
  const { logger, watchStatements } = statementWatchers();
  const db = drizzlePglite(client, { schema, logger }) as unknown as Db;
  return {
    db,
    engine: 'pglite',
    watchStatements,
    ping: async () => {
      await client.query('select 1');
    },
    close: async () => {
      if (!client.closed) await client.close();
    },
  };
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

/**
 * The types drizzle reads as PostgreSQL writes them (dates, timestamps and intervals, and arrays
 * of them and of numerics): drizzle's columns parse the text themselves.
 */
const TEXT_TYPES = [
  types.TIMESTAMP,
  types.TIMESTAMPTZ,
  types.INTERVAL,
  types.DATE,
  1231, // numeric[]
  1115, // timestamp[]
  1185, // timestamptz[]
  1187, // interval[]
  1182, // date[]
].map(String);
const TEXT_TYPE_SET = new Set(TEXT_TYPES);
const asText = (value: string) => value;
const PROBE = 'tremplin-text';

/**
 * Sets on the PGlite client the result parsers drizzle passes with every query, and lets its
 * queries go without them. Given parsers, PGlite copies its whole table of them for that query (one
 * per type and array type, a few hundred, keyed by type id): about 140 KB allocated per statement,
 * `select 1` included, and most of the embedded server's garbage at 2,000 live actions a second
 * (docs/performance.md). Set once after PGlite has added its array types' parsers (and again
 * whenever it refreshes them), they give the same rows. A query with any other parsers keeps them.
 */
function parsingOnce(client: PGlite): void {
  const setOurs = () => {
    for (const type of TEXT_TYPES) client.parsers[type] = asText;
  };
  setOurs();
  const withoutOurs = (options: QueryOptions | undefined): QueryOptions | undefined => {
    const parsers = options?.parsers;
    if (!parsers) return options;
    const keys = Object.keys(parsers);
    // Drizzle's: these types, each left as text.
    const ours =
      keys.length === TEXT_TYPES.length &&
      keys.every((key) => TEXT_TYPE_SET.has(key) && parsers[Number(key)]!(PROBE) === PROBE);
    if (!ours) return options;
    const { parsers: _ours, ...rest } = options;
    return rest;
  };
  /** `query` of the client or of a transaction, without drizzle's parsers. */
  const withoutParsers =
    (query: PGlite['query']) => (text: string, params?: unknown[], options?: QueryOptions) =>
      query(text, params, withoutOurs(options));
  const transaction = client.transaction.bind(client);
  const refreshArrayTypes = client.refreshArrayTypes.bind(client);
  Object.assign(client, {
    refreshArrayTypes: async () => {
      await refreshArrayTypes();
      setOurs();
    },
    query: withoutParsers(client.query.bind(client)),
    transaction: <T>(callback: (tx: Transaction) => Promise<T>) =>
      transaction((tx) =>
        callback(Object.create(tx, { query: { value: withoutParsers(tx.query.bind(tx)) } }) as Transaction),
      ),
  });
}

/** The PGlite instance behind an embedded database (for dumps in tests). */
export function pgliteOf(database: Database): PGlite {
  const client = (database.db as unknown as { $client: PGlite }).$client;
  return client;
}
