// The graders' side: flags (why a submission should be looked at), the review queue and its claims,
// the review page, decisions, learners' appeals and the notifications decisions send.
import { Type, type Static, type TSchema } from 'typebox';
import { Id } from './common.ts';
import { Answer, Discipline, ExerciseKind, GradeOutcome, SubmissionStatus } from './learning.ts';
import { ReviewDecision } from './review-outcome.ts';

export * from './review-outcome.ts';

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const Instant = Type.String({ description: 'ISO 8601 date and time' });
const Text = (maxLength: number) => Type.String({ minLength: 1, maxLength });
const Person = Type.Object({ id: Id, displayName: Type.String() });

/** Why a submission is in the queue. */
export const FlagSource = Type.Union([
  Type.Literal('similarity'),
  Type.Literal('sandbox'),
  Type.Literal('paste'),
  Type.Literal('low_confidence'),
  Type.Literal('tutor'),
  Type.Literal('appeal'),
]);
export type FlagSource = Static<typeof FlagSource>;

// ---------- The queue ----------

export const QueueQuery = Type.Object({
  /** open (default): not decided; mine: claimed by me; resolved: decided. */
  view: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('mine'), Type.Literal('resolved')])),
  source: Type.Optional(FlagSource),
  discipline: Type.Optional(Discipline),
  module: Type.Optional(Id),
  /** An exercise, by its slug within the module (stable across versions). */
  exercise: Type.Optional(Type.String({ pattern: '^[a-z0-9-]{1,80}$' })),
  university: Type.Optional(Id),
  group: Type.Optional(Id),
  /** Only flags at least this many days old. */
  minAgeDays: Type.Optional(Type.Integer({ minimum: 0, maximum: 3650 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
  /** Keyset paging: the `next` of the previous page. */
  after: Type.Optional(Type.String({ maxLength: 200 })),
});
export type QueueQuery = Static<typeof QueueQuery>;

export const Claim = Type.Object({ by: Person, expiresAt: Instant, mine: Type.Boolean() });
export type Claim = Static<typeof Claim>;

export const QueueItem = Type.Object({
  id: Id,
  source: FlagSource,
  /** The tutor's reason, the learner's appeal, or the machine's reason (in the reader's language). */
  reason: Type.String(),
  status: Type.Union([Type.Literal('open'), Type.Literal('resolved')]),
  createdAt: Instant,
  submissionId: Id,
  learner: Person,
  group: Nullable(Type.Object({ id: Id, name: Type.String() })),
  university: Nullable(Type.Object({ id: Id, name: Type.String() })),
  discipline: Discipline,
  module: Type.Object({ id: Id, slug: Type.String(), title: Type.String() }),
  exercise: Type.Object({ id: Id, slug: Type.String(), title: Type.String(), kind: ExerciseKind }),
  score: Nullable(Type.Number()),
  maxScore: Type.Number(),
  /** Similarity flags: the score in [0, 1]. */
  similarity: Nullable(Type.Number()),
  claim: Nullable(Claim),
  decision: Nullable(ReviewDecision),
});
export type QueueItem = Static<typeof QueueItem>;

export const ReviewQueue = Type.Object({
  items: Type.Array(QueueItem),
  /** Open flags by source, under the other filters. */
  counts: Type.Object({
    total: Type.Integer(),
    mine: Type.Integer(),
    bySource: Type.Record(Type.String(), Type.Integer()),
  }),
  next: Nullable(Type.String()),
});
export type ReviewQueue = Static<typeof ReviewQueue>;

export const FlagParams = Type.Object({ flagId: Id });
export type FlagParams = Static<typeof FlagParams>;

export const ClaimResult = Type.Object({ flagId: Id, claim: Claim });
export type ClaimResult = Static<typeof ClaimResult>;

// ---------- The review page ----------

export const Span = Type.Object({
  startLine: Type.Integer({ minimum: 1 }),
  endLine: Type.Integer({ minimum: 1 }),
});
export type Span = Static<typeof Span>;
export const MatchRegion = Type.Object({ left: Span, right: Span });
export type MatchRegion = Static<typeof MatchRegion>;

/** One step of a learner's work on the exercise: a run, a submission, a draft save, a paste. */
export const WorkEvent = Type.Object({
  kind: Type.Union([
    Type.Literal('run'),
    Type.Literal('submission'),
    Type.Literal('draft'),
    Type.Literal('paste'),
  ]),
  at: Instant,
  passed: Type.Optional(Nullable(Type.Integer())),
  total: Type.Optional(Nullable(Type.Integer())),
  score: Type.Optional(Nullable(Type.Number())),
  /** Paste: characters pasted, and whether the editor was empty. */
  chars: Type.Optional(Type.Integer()),
  intoEmpty: Type.Optional(Type.Boolean()),
  /** Runs and submissions: the code then. */
  code: Type.Optional(Nullable(Type.String())),
});
export type WorkEvent = Static<typeof WorkEvent>;

export const ReviewedSubmission = Type.Object({
  id: Id,
  learner: Person,
  status: SubmissionStatus,
  score: Nullable(Type.Number()),
  maxScore: Type.Number(),
  createdAt: Instant,
  code: Nullable(Type.String()),
  answer: Nullable(Answer),
  /** The result as the learner saw it, in the reader's language (hidden tests by name and outcome). */
  result: Nullable(GradeOutcome),
  history: Type.Array(WorkEvent),
});
export type ReviewedSubmission = Static<typeof ReviewedSubmission>;

export const ReviewRecord = Type.Object({
  decision: ReviewDecision,
  reviewer: Person,
  previousScore: Nullable(Type.Number()),
  newScore: Nullable(Type.Number()),
  comment: Type.String(),
  at: Instant,
});
export type ReviewRecord = Static<typeof ReviewRecord>;

export const ReviewItem = Type.Object({
  flag: QueueItem,
  /** What the source measured (sandbox: the tests; paste: its size and timing; etc.), as stored. */
  details: Type.Record(Type.String(), Type.Unknown()),
  /** The exercise's instructions (Markdown) and, for English, its items with the accepted answers. */
  promptMd: Type.String(),
  submission: ReviewedSubmission,
  /** Similarity: the other learner's submission, and the matching regions (left: this one). */
  other: Nullable(ReviewedSubmission),
  regions: Type.Array(MatchRegion),
  /** Other flags on the same submission. */
  related: Type.Array(Type.Object({ id: Id, source: FlagSource, status: Type.String() })),
  review: Nullable(ReviewRecord),
  /** Why this grader may not decide (the conflict rule: they tutor the learner), or null. */
  conflict: Nullable(Type.String()),
  /** Items whose answer could be accepted as a variant (English gaps and short answers). */
  acceptable: Type.Array(Type.Object({ itemId: Type.String(), label: Type.String(), answer: Type.String() })),
});
export type ReviewItem = Static<typeof ReviewItem>;

export const ReviewDecisionBody = Type.Object({
  decision: ReviewDecision,
  /** overridden (and optionally misconduct): the new score as a percentage of the marks, 0 to 100. */
  percent: Type.Optional(Type.Number()),
  comment: Type.Optional(Type.String({ maxLength: 4000 })),
  /** accepted: which item's answer becomes an accepted variant. */
  itemId: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
});
export type ReviewDecisionBody = Static<typeof ReviewDecisionBody>;

export const ReviewDecisionResult = Type.Object({
  flagId: Id,
  review: ReviewRecord,
  /** accepted: the new module version and how many submissions were regraded. */
  version: Type.Optional(Type.Integer()),
  regraded: Type.Optional(Type.Integer()),
});
export type ReviewDecisionResult = Static<typeof ReviewDecisionResult>;

// ---------- The learner's side ----------

export const AppealBody = Type.Object({ comment: Text(2000) });
export type AppealBody = Static<typeof AppealBody>;

export const AppealCreated = Type.Object({ id: Id, submissionId: Id, createdAt: Instant });
export type AppealCreated = Static<typeof AppealCreated>;

export const Notification = Type.Object({
  id: Id,
  kind: Type.Union([
    Type.Literal('grade.changed'),
    Type.Literal('review.decided'),
    Type.Literal('misconduct'),
  ]),
  /** Rendered in the reader's language. */
  message: Type.String(),
  /** Where it leads in the web app (a path), when it leads somewhere. */
  href: Nullable(Type.String()),
  createdAt: Instant,
  readAt: Nullable(Instant),
});
export type Notification = Static<typeof Notification>;

export const NotificationList = Type.Object({
  notifications: Type.Array(Notification),
  unread: Type.Integer(),
});
export type NotificationList = Static<typeof NotificationList>;

/** Marks some of the reader's notifications read (their ids), or all of them when `ids` is empty. */
export const MarkNotificationsReadBody = Type.Object({ ids: Type.Array(Id, { maxItems: 200 }) });
export type MarkNotificationsReadBody = Static<typeof MarkNotificationsReadBody>;

export const NotificationsRead = Type.Object({
  /** How many were unread and are now read. */
  marked: Type.Integer(),
  unread: Type.Integer(),
});
export type NotificationsRead = Static<typeof NotificationsRead>;
