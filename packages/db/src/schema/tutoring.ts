import { index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { exercises } from './content.ts';
import { users } from './people.ts';
import { groups } from './programme.ts';
import { helpRequests } from './work.ts';

/** A tutor's message: to one learner, to a whole group (recipient null), or answering a help request. */
export const tutorMessages = pgTable(
  'tutor_messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    groupId: uuid('group_id')
      .notNull()
      .references(() => groups.id, { onDelete: 'cascade' }),
    senderId: uuid('sender_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    recipientId: uuid('recipient_id').references(() => users.id, { onDelete: 'cascade' }),
    helpRequestId: uuid('help_request_id').references(() => helpRequests.id, { onDelete: 'set null' }),
    kind: text('kind', { enum: ['message', 'reply', 'hint'] })
      .notNull()
      .default('message'),
    body: text('body').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('tutor_messages_recipient_created_idx').on(t.recipientId, t.createdAt),
    index('tutor_messages_group_created_idx').on(t.groupId, t.createdAt),
    index('tutor_messages_help_request_idx').on(t.helpRequestId),
    // The coordination's tutor activity: feedback a tutor gave lately.
    index('tutor_messages_sender_created_idx').on(t.senderId, t.createdAt),
    // …and which learners had a message lately (contact within 14 days).
    index('tutor_messages_created_idx').on(t.createdAt),
  ],
);

/** When a learner read a message (a broadcast is read by each learner on their own). */
export const messageReads = pgTable(
  'message_reads',
  {
    messageId: uuid('message_id')
      .notNull()
      .references(() => tutorMessages.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    readAt: timestamp('read_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.messageId, t.userId] })],
);

/** What a tutor keeps about a learner: one note per tutor and learner, replaced whole. */
export const learnerNotes = pgTable(
  'learner_notes',
  {
    learnerId: uuid('learner_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    authorId: uuid('author_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    body: text('body').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.learnerId, t.authorId] })],
);

/** An API instance holding live sockets, and when it last said it was alive. */
export const liveInstances = pgTable('live_instances', {
  id: text('id').primaryKey(),
  heartbeatAt: timestamp('heartbeat_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * A learner's open sockets on one API instance. Only rows of instances whose heartbeat is fresh
 * count, and those of stopped instances are swept, so a crash leaves nobody online for long.
 */
export const liveConnections = pgTable(
  'live_connections',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    instanceId: text('instance_id').notNull(),
    sockets: integer('sockets').notNull(),
    exerciseId: uuid('exercise_id').references(() => exercises.id, { onDelete: 'set null' }),
    lastActiveAt: timestamp('last_active_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.instanceId] }),
    index('live_connections_instance_idx').on(t.instanceId),
  ],
);

/** When a learner was last seen live, and on which exercise: the tile of an offline learner. */
export const learnerPresence = pgTable('learner_presence', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull(),
  exerciseId: uuid('exercise_id').references(() => exercises.id, { onDelete: 'set null' }),
});
