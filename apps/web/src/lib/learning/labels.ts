import type {
  Discipline,
  ExerciseKind,
  ItemOutcome,
  ReviewRating,
  SubmissionStatus,
  TestOutcome,
} from '#lib/api/types.ts';
import type { MessageKey } from '#lib/i18n/types.ts';

/** Message keys for the API's enumerations (literal keys, so the dictionaries' dead-key check sees them). */

export const DISCIPLINE_LABEL_KEY = {
  programming: 'discipline.programming',
  ai: 'discipline.ai',
  english: 'discipline.english',
  tutoring: 'discipline.tutoring',
} as const satisfies Record<Discipline, MessageKey>;

export const KIND_LABEL_KEY = {
  code: 'kind.code',
  choice: 'kind.choice',
  cloze: 'kind.cloze',
  ordering: 'kind.ordering',
  matching: 'kind.matching',
  dictation: 'kind.dictation',
  writing: 'kind.writing',
  vocabulary: 'kind.vocabulary',
} as const satisfies Record<ExerciseKind, MessageKey>;

export const TEST_STATUS_KEY = {
  pass: 'tests.status.pass',
  fail: 'tests.status.fail',
  error: 'tests.status.error',
  skipped: 'tests.status.skipped',
  todo: 'tests.status.todo',
} as const satisfies Record<TestOutcome['status'], MessageKey>;

export const ITEM_STATUS_KEY = {
  correct: 'answers.status.correct',
  'accepted-typo': 'answers.status.acceptedTypo',
  wrong: 'answers.status.wrong',
  missing: 'answers.status.missing',
} as const satisfies Record<ItemOutcome['status'], MessageKey>;

export const SUBMISSION_STATUS_KEY = {
  queued: 'submission.status.queued',
  grading: 'submission.status.grading',
  graded: 'submission.status.graded',
  error: 'submission.status.error',
} as const satisfies Record<SubmissionStatus, MessageKey>;

/** A vocabulary card's rating, as the learner chose it. */
export const REVIEW_RATING_KEY = {
  1: 'review.again',
  2: 'review.hard',
  3: 'review.good',
  4: 'review.easy',
} as const satisfies Record<ReviewRating, MessageKey>;
