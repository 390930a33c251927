import { index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { exercises, lessons } from './content.ts';
import { users } from './people.ts';

/** The code a student is writing, saved as they type and restored on any device. */
export const drafts = pgTable(
  'drafts',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    exerciseId: uuid('exercise_id')
      .notNull()
      .references(() => exercises.id, { onDelete: 'cascade' }),
    code: text('code').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.exerciseId] })],
);

export const lessonReads = pgTable(
  'lesson_reads',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    lessonId: uuid('lesson_id')
      .notNull()
      .references(() => lessons.id, { onDelete: 'cascade' }),
    readAt: timestamp('read_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.lessonId] })],
);

/** A learner's spaced-repetition state of one vocabulary card (FSRS), and when it is due. */
export const vocabularyStates = pgTable(
  'vocabulary_states',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** `<exercise id>:<card id>`: a card of one published exercise version. */
    cardKey: text('card_key').notNull(),
    exerciseId: uuid('exercise_id')
      .notNull()
      .references(() => exercises.id, { onDelete: 'cascade' }),
    state: jsonb('state').notNull(),
    due: timestamp('due', { withTimezone: true }).notNull(),
    reviews: integer('reviews').notNull().default(0),
    lastReviewedAt: timestamp('last_reviewed_at', { withTimezone: true }),
    /** When the learner first saw the card: new cards are offered a few a day. */
    firstReviewedAt: timestamp('first_reviewed_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.cardKey] }),
    index('vocabulary_states_user_due_idx').on(t.userId, t.due),
  ],
);

/** How many times a learner played a dictation (its replay limit holds across devices). */
export const dictationPlays = pgTable(
  'dictation_plays',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    exerciseId: uuid('exercise_id')
      .notNull()
      .references(() => exercises.id, { onDelete: 'cascade' }),
    plays: integer('plays').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.userId, t.exerciseId] })],
);
