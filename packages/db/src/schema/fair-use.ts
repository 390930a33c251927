import { doublePrecision, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './people.ts';

/**
 * One token bucket per user and limited action (runs, submissions, help requests, messages),
 * shared by every API instance: `tokens` as of `updated_at`, refilled on read.
 */
export const rateBuckets = pgTable(
  'rate_buckets',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    action: text('action').notNull(),
    tokens: doublePrecision('tokens').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.action] })],
);
