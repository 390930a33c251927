// Summary tables of the coordination's dashboards and the gradebooks (migration 0007). Triggers keep
// them as submissions are graded and as learners act, so that a dashboard over 15,000 learners reads
// a few small indexed tables instead of a year of submissions and activity.
import {
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  real,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { modules } from './content.ts';
import { users } from './people.ts';

/**
 * A learner's graded work on one exercise of a module (by slug, so that it holds across versions):
 * best score, graded attempts, failed ones (under half the marks), the last. Kept by a trigger on
 * submissions when one becomes graded or its score changes (a review).
 */
export const learnerExerciseStats = pgTable(
  'learner_exercise_stats',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    moduleId: uuid('module_id')
      .notNull()
      .references(() => modules.id, { onDelete: 'cascade' }),
    exerciseSlug: text('exercise_slug').notNull(),
    bestScore: real('best_score').notNull(),
    maxScore: real('max_score').notNull(),
    attempts: integer('attempts').notNull(),
    failedAttempts: integer('failed_attempts').notNull(),
    lastAttemptAt: timestamp('last_attempt_at', { withTimezone: true }).notNull(),
    bestSubmissionId: uuid('best_submission_id'),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.moduleId, t.exerciseSlug] }),
    index('learner_exercise_stats_module_idx').on(t.moduleId),
  ],
);

/**
 * A learner's graded work on a module as a whole: exercises passed (best score at least half the
 * marks), best scores summed against the marks of what was attempted, attempts and failed ones.
 */
export const learnerModuleStats = pgTable(
  'learner_module_stats',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    moduleId: uuid('module_id')
      .notNull()
      .references(() => modules.id, { onDelete: 'cascade' }),
    exercisesAttempted: integer('exercises_attempted').notNull(),
    exercisesPassed: integer('exercises_passed').notNull(),
    scoreSum: real('score_sum').notNull(),
    maxSum: real('max_sum').notNull(),
    attempts: integer('attempts').notNull(),
    failedAttempts: integer('failed_attempts').notNull(),
    lastAttemptAt: timestamp('last_attempt_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.moduleId] }),
    index('learner_module_stats_module_idx').on(t.moduleId),
  ],
);

/**
 * What a learner did on one day in Lomé time (UTC+0): activity, submissions and runs counted.
 * Kept by triggers on the three tables; answers "active this week", the weekly line and "no
 * activity for 7 days" by index.
 */
export const learnerActivityDays = pgTable(
  'learner_activity_days',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    day: date('day').notNull(),
    events: integer('events').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.day] }),
    index('learner_activity_days_day_idx').on(t.day, t.userId),
  ],
);

/**
 * The same by week (Monday, Lomé time): the weekly activity line and "active this week" count one
 * row per learner and week instead of distinct learners over days.
 */
export const learnerActivityWeeks = pgTable(
  'learner_activity_weeks',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    week: date('week').notNull(),
    events: integer('events').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.week] }),
    index('learner_activity_weeks_week_idx').on(t.week, t.userId),
  ],
);

/**
 * Costly reads shared by every instance for a short while (the programme's dashboard): the first
 * instance to need one after it aged computes it and leaves it here, and the others read it instead of
 * computing it again. A cache: nothing in it is needed, and a lost row is computed again.
 */
export const sharedResults = pgTable('shared_results', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  computedAt: timestamp('computed_at', { withTimezone: true }).notNull(),
});
