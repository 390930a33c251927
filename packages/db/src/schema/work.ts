import {
  bigserial,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  real,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { exercises, moduleVersions, modules } from './content.ts';
import { users } from './people.ts';
import { groups } from './programme.ts';

/** A practice run on the visible tests: not graded, but activity a tutor sees. */
export const runs = pgTable(
  'runs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    exerciseId: uuid('exercise_id')
      .notNull()
      .references(() => exercises.id, { onDelete: 'cascade' }),
    code: text('code').notNull(),
    result: jsonb('result').notNull(),
    testsPassed: integer('tests_passed').notNull(),
    testsTotal: integer('tests_total').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('runs_user_created_idx').on(t.userId, t.createdAt),
    index('runs_exercise_idx').on(t.exerciseId),
  ],
);

export const SUBMISSION_STATUSES = ['queued', 'grading', 'graded', 'error'] as const;

export const submissions = pgTable(
  'submissions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    exerciseId: uuid('exercise_id')
      .notNull()
      .references(() => exercises.id),
    moduleVersionId: uuid('module_version_id')
      .notNull()
      .references(() => moduleVersions.id),
    kind: text('kind', { enum: ['code', 'answers'] }).notNull(),
    code: text('code'),
    answers: jsonb('answers'),
    status: text('status', { enum: SUBMISSION_STATUSES }).notNull().default('queued'),
    score: real('score'),
    maxScore: real('max_score').notNull(),
    /** Per-test (or per-item) results, as the student sees them. */
    results: jsonb('results'),
    idempotencyKey: text('idempotency_key'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** Made offline at this time (the device's clock, bounded when received), sent at `createdAt`. */
    clientCreatedAt: timestamp('client_created_at', { withTimezone: true }),
    gradedAt: timestamp('graded_at', { withTimezone: true }),
  },
  (t) => [
    unique('submissions_user_idempotency_key').on(t.userId, t.idempotencyKey),
    index('submissions_user_created_idx').on(t.userId, t.createdAt),
    index('submissions_exercise_created_idx').on(t.exerciseId, t.createdAt),
    index('submissions_status_idx').on(t.status),
  ],
);

/** The durable queue between a submission and a grader worker (claimed with SKIP LOCKED). */
export const gradingJobs = pgTable(
  'grading_jobs',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    submissionId: uuid('submission_id')
      .notNull()
      .unique()
      .references(() => submissions.id, { onDelete: 'cascade' }),
    status: text('status', { enum: ['queued', 'running', 'done', 'failed'] })
      .notNull()
      .default('queued'),
    priority: integer('priority').notNull().default(0),
    attempts: integer('attempts').notNull().default(0),
    runAfter: timestamp('run_after', { withTimezone: true }).notNull().defaultNow(),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    lockedBy: text('locked_by'),
    lastError: text('last_error'),
    /** The request that queued the job (the proxy's X-Request-Id or the server's): logs follow it to the grade. */
    requestId: text('request_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('grading_jobs_claim_idx').on(t.status, t.priority, t.runAfter)],
);

export const FLAG_SOURCES = ['similarity', 'sandbox', 'paste', 'low_confidence', 'tutor', 'appeal'] as const;
export const REVIEW_DECISIONS = ['confirmed', 'overridden', 'misconduct', 'dismissed', 'accepted'] as const;

/**
 * A submission a grader should look at, and why. A grader claims it (claimed_by until
 * claim_expires_at) so that two graders never work on the same one; a decision resolves it.
 */
export const flags = pgTable(
  'flags',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    submissionId: uuid('submission_id')
      .notNull()
      .references(() => submissions.id, { onDelete: 'cascade' }),
    source: text('source', { enum: FLAG_SOURCES }).notNull(),
    /** The tutor's reason, the learner's appeal comment, or a short machine reason. */
    reason: text('reason').notNull(),
    raisedBy: uuid('raised_by').references(() => users.id),
    status: text('status', { enum: ['open', 'resolved'] })
      .notNull()
      .default('open'),
    /** Similarity: the other learner's submission, and the score in [0, 1]. */
    otherSubmissionId: uuid('other_submission_id').references(() => submissions.id, { onDelete: 'cascade' }),
    similarity: real('similarity'),
    /** What the source measured: matching regions, the anomaly's tests, the paste, the verdicts. */
    details: jsonb('details').notNull().default({}),
    claimedBy: uuid('claimed_by').references(() => users.id),
    claimExpiresAt: timestamp('claim_expires_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
  },
  (t) => [
    index('flags_status_created_idx').on(t.status, t.createdAt),
    index('flags_submission_idx').on(t.submissionId),
    index('flags_other_submission_idx').on(t.otherSubmissionId),
    // A learner contests a grade once per submission.
    uniqueIndex('flags_one_appeal_idx')
      .on(t.submissionId)
      .where(sql`source = 'appeal'`),
    // One similarity flag per pair of submissions.
    uniqueIndex('flags_similarity_pair_idx')
      .on(t.submissionId, t.otherSubmissionId)
      .where(sql`source = 'similarity'`),
  ],
);

/** A grader's decision on a flag: one per flag, with the score before and after. */
export const reviews = pgTable(
  'reviews',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    flagId: uuid('flag_id')
      .notNull()
      .references(() => flags.id, { onDelete: 'cascade' }),
    reviewerId: uuid('reviewer_id')
      .notNull()
      .references(() => users.id),
    decision: text('decision', { enum: REVIEW_DECISIONS }).notNull(),
    previousScore: real('previous_score'),
    newScore: real('new_score'),
    comment: text('comment').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('reviews_flag_idx').on(t.flagId)],
);

/** A code submission's winnowed fingerprints: the inverted index similarity checks query. */
export const submissionFingerprints = pgTable(
  'submission_fingerprints',
  {
    exerciseSlug: text('exercise_slug').notNull(),
    moduleId: uuid('module_id')
      .notNull()
      .references(() => modules.id, { onDelete: 'cascade' }),
    hash: integer('hash').notNull(),
    submissionId: uuid('submission_id')
      .notNull()
      .references(() => submissions.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    startLine: integer('start_line').notNull(),
    endLine: integer('end_line').notNull(),
  },
  (t) => [
    index('submission_fingerprints_lookup_idx').on(t.moduleId, t.exerciseSlug, t.hash),
    index('submission_fingerprints_submission_idx').on(t.submissionId),
  ],
);

/**
 * How many submissions of an exercise hold each fingerprint, and how many are fingerprinted: kept
 * with the fingerprints, so that a check tells common code from a copy by primary key, without
 * counting postings.
 */
export const fingerprintFrequencies = pgTable(
  'fingerprint_frequencies',
  {
    moduleId: uuid('module_id')
      .notNull()
      .references(() => modules.id, { onDelete: 'cascade' }),
    exerciseSlug: text('exercise_slug').notNull(),
    hash: integer('hash').notNull(),
    submissions: integer('submissions').notNull(),
  },
  (t) => [primaryKey({ columns: [t.moduleId, t.exerciseSlug, t.hash] })],
);

export const fingerprintedExercises = pgTable(
  'fingerprinted_exercises',
  {
    moduleId: uuid('module_id')
      .notNull()
      .references(() => modules.id, { onDelete: 'cascade' }),
    exerciseSlug: text('exercise_slug').notNull(),
    submissions: integer('submissions').notNull(),
  },
  (t) => [primaryKey({ columns: [t.moduleId, t.exerciseSlug] })],
);

export const liveSessions = pgTable(
  'live_sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    groupId: uuid('group_id')
      .notNull()
      .references(() => groups.id, { onDelete: 'cascade' }),
    tutorId: uuid('tutor_id')
      .notNull()
      .references(() => users.id),
    title: text('title').notNull(),
    moduleId: uuid('module_id').references(() => modules.id),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    endedAt: timestamp('ended_at', { withTimezone: true }),
  },
  (t) => [
    index('live_sessions_group_started_idx').on(t.groupId, t.startedAt),
    // The coordination's tutor activity: sessions a tutor held lately.
    index('live_sessions_tutor_started_idx').on(t.tutorId, t.startedAt),
  ],
);

export const liveSessionAttendance = pgTable(
  'live_session_attendance',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    liveSessionId: uuid('live_session_id')
      .notNull()
      .references(() => liveSessions.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    joinedAt: timestamp('joined_at', { withTimezone: true }).notNull().defaultNow(),
    leftAt: timestamp('left_at', { withTimezone: true }),
  },
  (t) => [index('live_session_attendance_session_idx').on(t.liveSessionId, t.userId)],
);

export const helpRequests = pgTable(
  'help_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    groupId: uuid('group_id')
      .notNull()
      .references(() => groups.id, { onDelete: 'cascade' }),
    exerciseId: uuid('exercise_id').references(() => exercises.id),
    liveSessionId: uuid('live_session_id').references(() => liveSessions.id),
    message: text('message').notNull().default(''),
    status: text('status', { enum: ['open', 'taken', 'resolved', 'cancelled'] })
      .notNull()
      .default('open'),
    takenBy: uuid('taken_by').references(() => users.id),
    takenAt: timestamp('taken_at', { withTimezone: true }),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('help_requests_group_status_idx').on(t.groupId, t.status, t.createdAt),
    index('help_requests_user_idx').on(t.userId),
    // The coordination's tutor activity: requests a tutor answered lately, and how fast.
    index('help_requests_taken_idx').on(t.takenBy, t.takenAt),
    // …and which learners had help lately (contact within 14 days).
    index('help_requests_taken_at_idx').on(t.takenAt),
  ],
);

/** Everything a learner does, for tutors' timelines and coordinators' reports. */
export const activityLog = pgTable(
  'activity_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    groupId: uuid('group_id').references(() => groups.id, { onDelete: 'set null' }),
    kind: text('kind').notNull(),
    exerciseId: uuid('exercise_id').references(() => exercises.id, { onDelete: 'set null' }),
    data: jsonb('data').notNull().default({}),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('activity_log_user_created_idx').on(t.userId, t.createdAt),
    index('activity_log_group_created_idx').on(t.groupId, t.createdAt),
  ],
);
