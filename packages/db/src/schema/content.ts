import { sql } from 'drizzle-orm';
import {
  check,
  index,
  integer,
  jsonb,
  pgTable,
  real,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
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

export const VERSION_STATUSES = ['draft', 'in_review', 'published', 'archived'] as const;
export type VersionStatus = (typeof VERSION_STATUSES)[number];

/**
 * One version of a module: draft → in review → published → archived. Its whole definition is in
 * `content` (what the studio edits, export writes and the diff compares); once published, a trigger
 * (migration 0004) refuses any change to it, its lessons and its exercises, but its archiving.
 */
export const moduleVersions = pgTable(
  'module_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    moduleId: uuid('module_id')
      .notNull()
      .references(() => modules.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    status: text('status', { enum: VERSION_STATUSES }).notNull().default('draft'),
    title: text('title').notNull(),
    summary: text('summary').notNull().default(''),
    /** English title and summary: `{ title, summary }`. */
    en: jsonb('en'),
    /** The loaded ModuleDefinition (null only for versions stored before the studio). */
    content: jsonb('content'),
    /** sha256 of the canonical JSON of `content`, set when published. */
    contentHash: text('content_hash'),
    /** Optimistic concurrency of autosave: a save names the revision it started from. */
    revision: integer('revision').notNull().default(1),
    changeNote: text('change_note'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    updatedBy: uuid('updated_by').references(() => users.id),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    publishedBy: uuid('published_by').references(() => users.id),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    archivedBy: uuid('archived_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('module_versions_module_version_key').on(t.moduleId, t.version),
    check(
      'module_versions_status_check',
      sql`${t.status} in ('draft', 'in_review', 'published', 'archived')`,
    ),
    // At most one version being written (draft or in review) per module.
    uniqueIndex('module_versions_one_open_idx')
      .on(t.moduleId)
      .where(sql`status in ('draft', 'in_review')`),
  ],
);

/** Each step of a version's life: who moved it from which status to which, when, and why. */
export const moduleVersionEvents = pgTable(
  'module_version_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    versionId: uuid('version_id')
      .notNull()
      .references(() => moduleVersions.id, { onDelete: 'cascade' }),
    fromStatus: text('from_status', { enum: VERSION_STATUSES }),
    toStatus: text('to_status', { enum: VERSION_STATUSES }).notNull(),
    actorId: uuid('actor_id').references(() => users.id),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    note: text('note'),
  },
  (t) => [index('module_version_events_version_idx').on(t.versionId, t.at)],
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
    /** English title and, where written, body: `{ title, body? }`. */
    en: jsonb('en'),
    /** Slugs of the lessons to read first. */
    prerequisites: jsonb('prerequisites').notNull().default([]),
    estimatedMinutes: integer('estimated_minutes'),
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
    /** The first hint (what English grading shows); `hints` holds them all. */
    hint: text('hint'),
    /** Hints shown one after another, the gentlest first. */
    hints: jsonb('hints').notNull().default([]),
    /** English title and, where written, prompt: `{ title, prompt? }`. */
    en: jsonb('en'),
    /** Type-specific definition: starter code and tests, or choices and answer keys. */
    spec: jsonb('spec').notNull(),
    maxScore: real('max_score').notNull().default(1),
    estimatedMinutes: integer('estimated_minutes'),
    /** sha256 of what grading depends on (kind and spec): a changed hash marks it changed for solvers. */
    contentHash: text('content_hash'),
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
