// PostgreSQL LISTEN/NOTIFY: how API instances sharing one database pass live events to each other.
import type { Sql } from 'postgres';
import { sessionClientOf, type Database } from '../../client.ts';

/** A NOTIFY channel of a PostgreSQL database (payloads must stay under 8000 bytes). */
export interface NotifyChannel {
  notify(payload: string): Promise<void>;
  /** Listens (on a dedicated connection, re-established after a drop); answers how to stop. */
  listen(onPayload: (payload: string) => void): Promise<() => Promise<void>>;
}

/** The channel named `name` on a PostgreSQL database; throws on the embedded engine. */
export function notifyChannel(database: Database, name: string): NotifyChannel {
  if (database.engine !== 'postgres') throw new Error('LISTEN/NOTIFY needs a PostgreSQL server');
  const client = (database.db as unknown as { $client: Sql }).$client;
  // A NOTIFY is one statement, fine through a pooler; a LISTEN lasts the session, so it goes to
  // PostgreSQL itself when a pooler in transaction mode stands in between.
  const listener = sessionClientOf(database);
  return {
    notify: async (payload) => {
      await client.notify(name, payload);
    },
    listen: async (onPayload) => {
      const { unlisten } = await listener.listen(name, onPayload);
      return async () => {
        await unlisten();
      };
    },
  };
}
