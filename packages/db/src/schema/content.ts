import { index, integer, jsonb, pgTable, real, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { users } from './people.ts';
import { cohorts, disciplines } from './programme.ts';

export const modules = pgTable('modules', {
  id: uuid('id').primaryKey().defaultRandom(),
  slug: text('slug').notNull().unique(),
  disciplineId: text('discipline_id', { enum: ['programming', 'ai', 'english', 'tutoring'] })
    .notNull()
    .references(() => disciplines.id),
  createdBy: uuid('created_by').references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** One version of a module; once published its lessons and exercises never change. */
export const moduleVersions = pgTable(
  'module_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    moduleId: uuid('module_id')
      .notNull()
      .references(() => modules.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    status: text('status', { enum: ['draft', 'published', 'archived'] })
      .notNull()
      .default('draft'),
    title: text('title').notNull(),
    summary: text('summary').notNull().default(''),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    publishedBy: uuid('published_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('module_versions_module_version_key').on(t.moduleId, t.version)],
);

export const lessons = pgTable(
  'lessons',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    moduleVersionId: uuid('module_version_id')
      .notNull()
      .references(() => moduleVersions.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    slug: text('slug').notNull(),
    title: text('title').notNull(),
    bodyMd: text('body_md').notNull(),
  },
  (t) => [
    unique('lessons_version_position_key').on(t.moduleVersionId, t.position),
    unique('lessons_version_slug_key').on(t.moduleVersionId, t.slug),
  ],
);

export const EXERCISE_KINDS = [
  'code',
  'choice',
  'cloze',
  'ordering',
  'matching',
  'dictation',
  'writing',
  'vocabulary',
] as const;

export const exercises = pgTable(
  'exercises',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    moduleVersionId: uuid('module_version_id')
      .notNull()
      .references(() => moduleVersions.id, { onDelete: 'cascade' }),
    lessonId: uuid('lesson_id').references(() => lessons.id, { onDelete: 'set null' }),
    position: integer('position').notNull(),
    slug: text('slug').notNull(),
    kind: text('kind', { enum: EXERCISE_KINDS }).notNull(),
    title: text('title').notNull(),
    promptMd: text('prompt_md').notNull(),
    hint: text('hint'),
    /** Type-specific definition: starter code and tests, or choices and answer keys. */
    spec: jsonb('spec').notNull(),
    maxScore: real('max_score').notNull().default(1),
  },
  (t) => [
    unique('exercises_version_slug_key').on(t.moduleVersionId, t.slug),
    index('exercises_lesson_idx').on(t.lessonId),
  ],
);

export const enrolments = pgTable(
  'enrolments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    moduleId: uuid('module_id')
      .notNull()
      .references(() => modules.id, { onDelete: 'cascade' }),
    cohortId: uuid('cohort_id').references(() => cohorts.id),
    enrolledAt: timestamp('enrolled_at', { withTimezone: true }).notNull().defaultNow(),
    completedAt: timestamp('completed_at', { withTimezone: true }),
  },
  (t) => [
    unique('enrolments_user_module_key').on(t.userId, t.moduleId),
    index('enrolments_module_idx').on(t.moduleId),
  ],
);
