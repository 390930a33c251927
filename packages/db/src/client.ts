import { PGlite } from '@electric-sql/pglite';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
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
}

export interface DatabaseOptions {
  /** postgres://… for a PostgreSQL server; absent for the embedded engine. */
  url?: string | undefined;
  /** Where the embedded engine keeps its files; absent for an in-memory database. */
  dataDir?: string | undefined;
  /** A migrated dump to start the embedded engine from (tests). */
  loadDataDir?: Blob | File | undefined;
  /** Connections in the PostgreSQL pool. */
  poolSize?: number;
}

/** Opens the database: PostgreSQL through postgres.js when a URL is given, PGlite otherwise. */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.url) {
    const client = postgres(options.url, {
      max: options.poolSize ?? 10,
      onnotice: () => {},
      connect_timeout: 10,
      idle_timeout: 60,
    });
    const db = drizzlePostgres(client, { schema }) as unknown as Db;
    return {
      db,
      engine: 'postgres',
      ping: async () => {
        await client`select 1`;
      },
      close: () => client.end({ timeout: 5 }),
    };
  }
  const client = await PGlite.create({
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
  });
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  return {
    db,
    engine: 'pglite',
    ping: async () => {
      await client.query('select 1');
    },
    close: async () => {
      if (!client.closed) await client.close();
    },
  };
}

/** The PGlite instance behind an embedded database (for dumps in tests). */
export function pgliteOf(database: Database): PGlite {
  const client = (database.db as unknown as { $client: PGlite }).$client;
  return client;
}
