import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  real,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { modules } from './content.ts';
import { users } from './people.ts';
import { cohorts, groups, universities } from './programme.ts';

/** A group's enrolment in a module, with an optional deadline; its learners are enrolled one by one. */
export const groupModules = pgTable(
  'group_modules',
  {
    groupId: uuid('group_id')
      .notNull()
      .references(() => groups.id, { onDelete: 'cascade' }),
    moduleId: uuid('module_id')
      .notNull()
      .references(() => modules.id, { onDelete: 'cascade' }),
    dueAt: timestamp('due_at', { withTimezone: true }),
    enrolledBy: uuid('enrolled_by').references(() => users.id),
    enrolledAt: timestamp('enrolled_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.groupId, t.moduleId] }), index('group_modules_module_idx').on(t.moduleId)],
);

/** A learner's moves between groups: their work follows them, the history stays. */
export const groupMoves = pgTable(
  'group_moves',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    fromGroupId: uuid('from_group_id').references(() => groups.id, { onDelete: 'set null' }),
    toGroupId: uuid('to_group_id').references(() => groups.id, { onDelete: 'set null' }),
    movedBy: uuid('moved_by').references(() => users.id),
    reason: text('reason'),
    movedAt: timestamp('moved_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('group_moves_user_idx').on(t.userId, t.movedAt)],
);

/**
 * What the coordination and the administrators did, and to whom: append-only (a trigger refuses
 * UPDATE and DELETE). `action` is a dotted name (`account.disable`, `group.assign-tutor`, …).
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actorId: uuid('actor_id').references(() => users.id),
    action: text('action').notNull(),
    /** What was acted on: `user`, `group`, `call`, `application`, `import`, … and its id. */
    subjectType: text('subject_type').notNull(),
    subjectId: text('subject_id').notNull(),
    before: jsonb('before'),
    after: jsonb('after'),
    reason: text('reason'),
  },
  (t) => [
    index('audit_log_at_idx').on(t.at),
    index('audit_log_subject_idx').on(t.subjectType, t.subjectId, t.at),
    index('audit_log_actor_idx').on(t.actorId, t.at),
  ],
);

/** A one-time password reset link: only the token's SHA-256 is stored; used once, then spent. */
export const passwordResets = pgTable(
  'password_resets',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [index('password_resets_user_idx').on(t.userId)],
);

/** A public call for tutors: a deadline (an instant; shown in Lomé time) and eligibility rules. */
export const tutorCalls = pgTable('tutor_calls', {
  id: uuid('id').primaryKey().defaultRandom(),
  slug: text('slug').notNull().unique(),
  title: text('title').notNull(),
  bodyMd: text('body_md').notNull(),
  opensAt: timestamp('opens_at', { withTimezone: true }).notNull(),
  closesAt: timestamp('closes_at', { withTimezone: true }).notNull(),
  seats: integer('seats').notNull(),
  /** Eligible universities (ids). */
  universityIds: jsonb('university_ids').$type<string[]>().notNull(),
  /** Eligible levels of study: `master`, `doctorate`. */
  levels: jsonb('levels').$type<string[]>().notNull(),
  /** Eligible fields of study: `[{ id, fr, en }]`. */
  fields: jsonb('fields').$type<Array<{ id: string; fr: string; en: string }>>().notNull(),
  /** The reviewers' rubric: `[{ id, fr, en, max }]`. */
  rubric: jsonb('rubric').$type<Array<{ id: string; fr: string; en: string; max: number }>>().notNull(),
  /** The three-month training the selected candidates join. */
  trainingCohortId: uuid('training_cohort_id')
    .notNull()
    .references(() => cohorts.id),
  createdBy: uuid('created_by').references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const APPLICATION_STATUSES = ['submitted', 'selected', 'rejected', 'withdrawn'] as const;

/** A candidate's application to a call: one per candidate and call. */
export const applications = pgTable(
  'applications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    callId: uuid('call_id')
      .notNull()
      .references(() => tutorCalls.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    universityId: uuid('university_id')
      .notNull()
      .references(() => universities.id),
    level: text('level').notNull(),
    field: text('field').notNull(),
    studentNumber: text('student_number').notNull(),
    motivation: text('motivation').notNull(),
    /** Checked against the call's rules when submitted; the reasons when not. */
    eligible: boolean('eligible').notNull(),
    ineligibleReasons: jsonb('ineligible_reasons').$type<string[]>().notNull().default([]),
    status: text('status', { enum: APPLICATION_STATUSES }).notNull().default('submitted'),
    decisionNote: text('decision_note'),
    decidedBy: uuid('decided_by').references(() => users.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('applications_call_user_key').on(t.callId, t.userId),
    index('applications_call_status_idx').on(t.callId, t.status, t.submittedAt),
  ],
);

/** A supporting document (PDF), stored on disk outside the web root under `storage_key`. */
export const applicationDocuments = pgTable(
  'application_documents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id, { onDelete: 'cascade' }),
    fileName: text('file_name').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    sha256: text('sha256').notNull(),
    storageKey: text('storage_key').notNull().unique(),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('application_documents_application_idx').on(t.applicationId)],
);

/** One reviewer's scores of one application against the call's rubric; a candidate's mark is the mean. */
export const applicationReviews = pgTable(
  'application_reviews',
  {
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id, { onDelete: 'cascade' }),
    reviewerId: uuid('reviewer_id')
      .notNull()
      .references(() => users.id),
    scores: jsonb('scores').$type<Record<string, number>>().notNull(),
    total: real('total').notNull(),
    comment: text('comment'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.applicationId, t.reviewerId] })],
);

/** A CSV file uploaded for import: checked (dry run, its report kept), then applied once. */
export const importBatches = pgTable(
  'import_batches',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind', { enum: ['students', 'tutors', 'assignments'] }).notNull(),
    fileName: text('file_name').notNull(),
    /** The file as uploaded (decoded to text), so that applying it needs no second upload. */
    content: text('content').notNull(),
    status: text('status', { enum: ['checked', 'applied', 'discarded'] })
      .notNull()
      .default('checked'),
    report: jsonb('report').notNull(),
    rowsTotal: integer('rows_total').notNull(),
    rowsValid: integer('rows_valid').notNull(),
    rowsImported: integer('rows_imported'),
    /** `all` (all or nothing) or `valid` (the valid rows only). */
    mode: text('mode', { enum: ['all', 'valid'] }),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    appliedAt: timestamp('applied_at', { withTimezone: true }),
  },
  (t) => [
    index('import_batches_created_idx').on(t.createdAt),
    check('import_batches_counts', sql`${t.rowsValid} <= ${t.rowsTotal}`),
  ],
);
