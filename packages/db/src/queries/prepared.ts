import type { Db } from '../client.ts';

/**
 * A value made once per database handle (or transaction) and kept as long as the handle: a cache,
 * or a statement built once. Drizzle builds a query's SQL on every call otherwise: for an insert
 * into a table of a dozen columns with `returning`, about 75 KB of garbage and most of a
 * millisecond of CPU, several times the statement itself (docs/performance.md).
 */
export function oncePerDatabase<T>(build: (db: Db) => T): (db: Db) => T {
  const built = new WeakMap<Db, T>();
  return (db) => {
    let statement = built.get(db);
    if (!statement) built.set(db, (statement = build(db)));
    return statement;
  };
}
