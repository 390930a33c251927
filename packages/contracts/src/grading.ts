import { Type, type Static } from 'typebox';
import { Id } from './common.ts';

/** The administrators' view of the grading queue: its dead jobs (`failed`), one page at a time. */
export const GradingJobsQuery = Type.Object({
  state: Type.Literal('failed'),
  /** Keyset paging: jobs with a smaller id (the list runs newest first). */
  before: Type.Optional(Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 50 })),
});
export type GradingJobsQuery = Static<typeof GradingJobsQuery>;

export const DeadGradingJob = Type.Object({
  id: Type.Integer(),
  submissionId: Id,
  learner: Type.Object({ id: Id, displayName: Type.String(), email: Type.String() }),
  exercise: Type.Object({ id: Id, title: Type.String() }),
  attempts: Type.Integer(),
  /** The last attempt's error, or that its worker died while grading. */
  lastError: Type.Union([Type.String(), Type.Null()]),
  submittedAt: Type.String({ format: 'date-time' }),
  failedAt: Type.String({ format: 'date-time' }),
});
export type DeadGradingJob = Static<typeof DeadGradingJob>;

export const GradingQueueCounts = Type.Object({
  queued: Type.Integer(),
  running: Type.Integer(),
  failed: Type.Integer(),
  /** How long the oldest queued job has waited, in seconds; null when none waits. */
  oldestWaitingSeconds: Type.Union([Type.Integer(), Type.Null()]),
});
export type GradingQueueCounts = Static<typeof GradingQueueCounts>;

export const GradingJobsPage = Type.Object({
  counts: GradingQueueCounts,
  jobs: Type.Array(DeadGradingJob),
  /** The `before` of the next page, or null on the last one. */
  nextBefore: Type.Union([Type.Integer(), Type.Null()]),
});
export type GradingJobsPage = Static<typeof GradingJobsPage>;

export const GradingJobParams = Type.Object({
  id: Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER }),
});
export type GradingJobParams = Static<typeof GradingJobParams>;

/** A dead job put back in the queue: attempts from zero, to run now. */
export const RetriedGradingJob = Type.Object({
  id: Type.Integer(),
  submissionId: Id,
  status: Type.Literal('queued'),
});
export type RetriedGradingJob = Static<typeof RetriedGradingJob>;
