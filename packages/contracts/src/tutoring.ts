// The tutors' side: live tiles, help queue, messages, live sessions, progress grid, learner pages,
// notes and flags. Tiles, help requests, messages and sessions are also what /ws carries.
import { Type, type Static, type TProperties, type TSchema } from 'typebox';
import { Id } from './common.ts';
import {
  Answer,
  CodeResult,
  ExerciseKind,
  GradeOutcome,
  HelpStatus,
  PublicSpec,
  ReviewRating,
  SubmissionStatus,
} from './learning.ts';
import { SubmissionReview } from './review-outcome.ts';

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const Instant = Type.String({ description: 'ISO 8601 date and time' });
const Text = (maxLength: number) => Type.String({ minLength: 1, maxLength });

// ---------- Live views (REST and /ws) ----------

export const Presence = Type.Union([Type.Literal('online'), Type.Literal('idle'), Type.Literal('offline')]);
export type Presence = Static<typeof Presence>;

/** The outcome of a learner's latest run or submission on their current exercise. */
export const LastAttempt = Type.Object({
  kind: Type.Union([Type.Literal('run'), Type.Literal('submission')]),
  /** Tests passed and total (code); null while a submission waits for its grade, or for answers. */
  passed: Nullable(Type.Integer()),
  total: Nullable(Type.Integer()),
  status: Type.Union([
    Type.Literal('pass'),
    Type.Literal('fail'),
    Type.Literal('pending'),
    Type.Literal('error'),
  ]),
  at: Instant,
});
export type LastAttempt = Static<typeof LastAttempt>;

/**
 * One learner's tile on the group grid: always the whole tile, so applying it twice is harmless.
 * Waiting and offline durations are computed by the client from the instants and `serverTime`.
 */
export const LearnerTile = Type.Object({
  learnerId: Id,
  displayName: Type.String(),
  presence: Presence,
  /** Last sign of life (activity, or the socket closing); null if never seen. */
  lastSeenAt: Nullable(Instant),
  /** When the learner's device last had nothing left to send (offline work all synced); null: never. */
  lastSyncedAt: Nullable(Instant),
  exercise: Nullable(Type.Object({ id: Id, title: Type.String(), kind: ExerciseKind })),
  last: Nullable(LastAttempt),
  /** Runs and submissions on the current exercise, all time. */
  attempts: Type.Integer(),
  /** Active time on the current exercise (pauses longer than the idle threshold do not count). */
  timeOnTaskSec: Type.Integer(),
  stuck: Type.Boolean(),
  stuckReason: Nullable(Type.Union([Type.Literal('failing-streak'), Type.Literal('no-progress')])),
  /** The raised hand: the learner's oldest open or taken help request. */
  hand: Nullable(Type.Object({ helpRequestId: Id, status: HelpStatus, raisedAt: Instant })),
});
export type LearnerTile = Static<typeof LearnerTile>;

export const HelpRequestView = Type.Object({
  id: Id,
  groupId: Id,
  learnerId: Id,
  learnerName: Type.String(),
  exercise: Nullable(Type.Object({ id: Id, title: Type.String() })),
  message: Type.String(),
  status: HelpStatus,
  createdAt: Instant,
  takenBy: Nullable(Type.Object({ id: Id, displayName: Type.String() })),
  takenAt: Nullable(Instant),
  resolvedAt: Nullable(Instant),
  replies: Type.Integer(),
});
export type HelpRequestView = Static<typeof HelpRequestView>;

export const MessageKind = Type.Union([Type.Literal('message'), Type.Literal('reply'), Type.Literal('hint')]);
export type MessageKind = Static<typeof MessageKind>;

/** A message from a tutor: to one learner, to the group (broadcast), or answering a help request. */
export const TutorMessage = Type.Object({
  id: Id,
  groupId: Id,
  from: Type.Object({ id: Id, displayName: Type.String() }),
  /** null: sent to the whole group. */
  recipientId: Nullable(Id),
  helpRequestId: Nullable(Id),
  kind: MessageKind,
  body: Type.String(),
  createdAt: Instant,
  /** When the reader marked it read (in /api/me/messages and the feed); null otherwise. */
  readAt: Nullable(Instant),
});
export type TutorMessage = Static<typeof TutorMessage>;

export const LiveSession = Type.Object({
  id: Id,
  groupId: Id,
  title: Type.String(),
  module: Nullable(Type.Object({ slug: Type.String(), title: Type.String() })),
  tutor: Type.Object({ id: Id, displayName: Type.String() }),
  startedAt: Instant,
  endedAt: Nullable(Instant),
});
export type LiveSession = Static<typeof LiveSession>;

export const LiveThresholds = Type.Object({
  stuckFailedRuns: Type.Integer(),
  stuckMinutes: Type.Integer(),
  idleMinutes: Type.Integer(),
});
export type LiveThresholds = Static<typeof LiveThresholds>;

// ---------- Params and queries ----------

export const HelpRequestParams = Type.Object({ helpRequestId: Id });
export type HelpRequestParams = Static<typeof HelpRequestParams>;
export const SessionParams = Type.Object({ sessionId: Id });
export type SessionParams = Static<typeof SessionParams>;
export const LearnerSubmissionParams = Type.Object({ learnerId: Id, submissionId: Id });
export type LearnerSubmissionParams = Static<typeof LearnerSubmissionParams>;
export const LearnerExerciseParams = Type.Object({ learnerId: Id, exerciseId: Id });
export type LearnerExerciseParams = Static<typeof LearnerExerciseParams>;
export const ModuleQuery = Type.Object({ module: Type.String({ pattern: '^[a-z0-9-]{1,80}$' }) });
export type ModuleQuery = Static<typeof ModuleQuery>;
export const HelpQueueQuery = Type.Object({
  /** Open and taken requests by default; `all` adds the closed ones of the last 7 days. */
  scope: Type.Optional(Type.Union([Type.Literal('active'), Type.Literal('all')])),
});
export type HelpQueueQuery = Static<typeof HelpQueueQuery>;
export const ActivityQuery = Type.Object({
  /** Only what happened before this instant (paging backwards). */
  before: Type.Optional(Type.String({ format: 'date-time' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
});
export type ActivityQuery = Static<typeof ActivityQuery>;
export const StatsQuery = Type.Object({
  from: Type.Optional(Type.String({ format: 'date-time' })),
  to: Type.Optional(Type.String({ format: 'date-time' })),
});
export type StatsQuery = Static<typeof StatsQuery>;

// ---------- Progress grid ----------

export const GroupModuleList = Type.Object({
  modules: Type.Array(
    Type.Object({
      slug: Type.String(),
      title: Type.String(),
      learners: Type.Integer(),
      /** The group's deadline for the module (set by the coordination); null: none. */
      dueAt: Nullable(Type.String({ format: 'date-time' })),
    }),
  ),
});
export type GroupModuleList = Static<typeof GroupModuleList>;

export const ProgressCell = Type.Object({
  exerciseId: Id,
  bestScore: Nullable(Type.Number()),
  attempts: Type.Integer(),
  /** The submission that earned the best score (else the latest one): the cell's click-through. */
  submissionId: Nullable(Id),
  /**
   * That submission was made after the group's deadline for the module (when it was made offline,
   * if it was: work done before the deadline and synced after is on time). False without a deadline.
   */
  late: Type.Boolean(),
});
export type ProgressCell = Static<typeof ProgressCell>;

export const ProgressGrid = Type.Object({
  module: Type.Object({
    slug: Type.String(),
    title: Type.String(),
    version: Type.Integer(),
    /** The group's deadline for the module; null: none. */
    dueAt: Nullable(Type.String({ format: 'date-time' })),
  }),
  exercises: Type.Array(
    Type.Object({
      id: Id,
      slug: Type.String(),
      title: Type.String(),
      kind: ExerciseKind,
      maxScore: Type.Number(),
    }),
  ),
  learners: Type.Array(
    Type.Object({
      id: Id,
      displayName: Type.String(),
      /** One cell per exercise, in the order of `exercises`. */
      cells: Type.Array(ProgressCell),
    }),
  ),
});
export type ProgressGrid = Static<typeof ProgressGrid>;

// ---------- Learner page ----------

export const LearnerRun = Type.Object({
  id: Id,
  exercise: Type.Object({ id: Id, title: Type.String() }),
  code: Type.String(),
  result: CodeResult,
  createdAt: Instant,
});
export type LearnerRun = Static<typeof LearnerRun>;

export const LearnerSubmission = Type.Object({
  id: Id,
  exercise: Type.Object({ id: Id, title: Type.String() }),
  status: SubmissionStatus,
  score: Nullable(Type.Number()),
  maxScore: Type.Number(),
  code: Nullable(Type.String()),
  answer: Nullable(Answer),
  result: Nullable(GradeOutcome),
  createdAt: Instant,
  /** When it was made offline (sent later, at createdAt); absent when sent as it was made. */
  madeOfflineAt: Type.Optional(Instant),
  /** Made (offline: when it was made) after the deadline of the learner's group for its module. */
  late: Type.Boolean(),
  gradedAt: Nullable(Instant),
  review: Type.Optional(SubmissionReview),
});
export type LearnerSubmission = Static<typeof LearnerSubmission>;

/**
 * An exercise as the learner sees it (their own shuffles), to read their answers by: the public
 * view, never an answer key.
 */
export const LearnerExercise = Type.Object({
  id: Id,
  title: Type.String(),
  kind: ExerciseKind,
  /** The instructions (Markdown, render sanitized). */
  promptMd: Type.String(),
  spec: PublicSpec,
});
export type LearnerExercise = Static<typeof LearnerExercise>;

const ExerciseRef = Type.Object({ id: Id, title: Type.String() });

/** The fields of a time-line entry of one kind: what it says (`data`) depends on its kind. */
const timelineEntry = <K extends string, T extends TProperties>(kind: K, data: T) => ({
  id: Type.Integer(),
  kind: Type.Literal(kind),
  /** The exercise it was about; null for a lesson, or an exercise deleted since. */
  exercise: Nullable(ExerciseRef),
  data: Type.Object(data),
  at: Instant,
});

/** What a learner did, by kind; anything the API cannot describe comes as `other`, without its data. */
export const TimelineEntry = Type.Union([
  Type.Object(timelineEntry('run', { runId: Id, passed: Type.Integer(), total: Type.Integer() }), {
    description: 'A run of the visible tests: how many passed',
  }),
  Type.Object(timelineEntry('submission', { submissionId: Id }), {
    description: "A submission, listed in `submissions` unless older than the page's",
  }),
  Type.Object(timelineEntry('help.requested', { helpRequestId: Id }), {
    description: 'A raised hand (help request)',
  }),
  Type.Object(
    {
      ...timelineEntry('lesson.read', { lessonId: Id }),
      lesson: Nullable(Type.Object({ id: Id, title: Type.String() })),
    },
    { description: 'A lesson read; `lesson` is null when the lesson no longer exists' },
  ),
  Type.Object(timelineEntry('vocabulary.review', { cardKey: Type.String(), rating: ReviewRating }), {
    description: "A vocabulary card reviewed, with the learner's own rating (1 again … 4 easy)",
  }),
  Type.Object(timelineEntry('other', {}), {
    description: 'An activity this version does not describe, or whose record is incomplete',
  }),
]);
export type TimelineEntry = Static<typeof TimelineEntry>;
export type TimelineKind = TimelineEntry['kind'];

export const LearnerActivity = Type.Object({
  runs: Type.Array(LearnerRun),
  submissions: Type.Array(LearnerSubmission),
  timeline: Type.Array(TimelineEntry),
});
export type LearnerActivity = Static<typeof LearnerActivity>;

export const LiveDraft = Type.Object({
  exercise: Type.Object({ id: Id, title: Type.String() }),
  code: Type.String(),
  updatedAt: Instant,
});
export type LiveDraft = Static<typeof LiveDraft>;

export const LearnerDraft = Type.Object({ draft: Nullable(LiveDraft) });
export type LearnerDraft = Static<typeof LearnerDraft>;

export const LearnerNote = Type.Object({
  author: Type.Object({ id: Id, displayName: Type.String() }),
  body: Type.String(),
  updatedAt: Instant,
});
export type LearnerNote = Static<typeof LearnerNote>;
export const LearnerNotes = Type.Object({ notes: Type.Array(LearnerNote) });
export type LearnerNotes = Static<typeof LearnerNotes>;
/** The caller's own note about the learner, replaced whole (empty: deleted). */
export const NoteBody = Type.Object({ body: Type.String({ maxLength: 20_000 }) });
export type NoteBody = Static<typeof NoteBody>;

// ---------- Help queue ----------

export const HelpQueue = Type.Object({ requests: Type.Array(HelpRequestView) });
export type HelpQueue = Static<typeof HelpQueue>;
export const HelpReplyBody = Type.Object({
  body: Text(4000),
  /** A hint is shown apart from ordinary replies. */
  kind: Type.Optional(Type.Union([Type.Literal('reply'), Type.Literal('hint')])),
});
export type HelpReplyBody = Static<typeof HelpReplyBody>;
export const HelpReplied = Type.Object({ request: HelpRequestView, message: TutorMessage });
export type HelpReplied = Static<typeof HelpReplied>;

/** Response times of help requests, for the coordination. Durations in seconds. */
export const HelpStats = Type.Object({
  requests: Type.Integer(),
  taken: Type.Integer(),
  resolved: Type.Integer(),
  cancelled: Type.Integer(),
  stillOpen: Type.Integer(),
  waitSeconds: Type.Object({
    median: Nullable(Type.Number()),
    p90: Nullable(Type.Number()),
    max: Nullable(Type.Number()),
  }),
  resolveSeconds: Type.Object({ median: Nullable(Type.Number()), p90: Nullable(Type.Number()) }),
  /** When these figures were read: the programme's are shared for DASHBOARD_SHARED_SECONDS, as its dashboard. */
  generatedAt: Instant,
});
export type HelpStats = Static<typeof HelpStats>;

// ---------- Messages ----------

export const MessageBody = Type.Object({ body: Text(4000) });
export type MessageBody = Static<typeof MessageBody>;
export const MyMessages = Type.Object({ messages: Type.Array(TutorMessage), unread: Type.Integer() });
export type MyMessages = Static<typeof MyMessages>;
export const MarkReadBody = Type.Object({ ids: Type.Array(Id, { minItems: 1, maxItems: 200 }) });
export type MarkReadBody = Static<typeof MarkReadBody>;
export const UnreadCount = Type.Object({ unread: Type.Integer() });
export type UnreadCount = Static<typeof UnreadCount>;

// ---------- Live sessions ----------

export const StartSessionBody = Type.Object({
  title: Text(200),
  /** The module the session focuses on (one the group's learners are enrolled in). */
  moduleSlug: Type.Optional(Type.String({ pattern: '^[a-z0-9-]{1,80}$' })),
});
export type StartSessionBody = Static<typeof StartSessionBody>;
export const UpdateSessionBody = Type.Object({
  title: Type.Optional(Text(200)),
  /** true ends the session (once). */
  ended: Type.Optional(Type.Literal(true)),
});
export type UpdateSessionBody = Static<typeof UpdateSessionBody>;

export const SessionSummary = Type.Object({
  session: LiveSession,
  attendance: Type.Array(
    Type.Object({
      learnerId: Id,
      displayName: Type.String(),
      firstJoinedAt: Instant,
      lastLeftAt: Nullable(Instant),
      /** Connected time within the session (overlapping connections counted once). */
      seconds: Type.Integer(),
    }),
  ),
  absent: Type.Array(Type.Object({ learnerId: Id, displayName: Type.String() })),
  help: Type.Object({
    requests: Type.Integer(),
    resolved: Type.Integer(),
    medianWaitSeconds: Nullable(Type.Number()),
  }),
  results: Type.Object({
    runs: Type.Integer(),
    submissions: Type.Integer(),
    /** Graded submissions that reached the full score. */
    fullScores: Type.Integer(),
  }),
});
export type SessionSummary = Static<typeof SessionSummary>;
export const SessionList = Type.Object({ sessions: Type.Array(SessionSummary) });
export type SessionList = Static<typeof SessionList>;

// ---------- Flags ----------

export const FlagBody = Type.Object({ reason: Text(2000) });
export type FlagBody = Static<typeof FlagBody>;
export const FlagCreated = Type.Object({
  id: Id,
  submissionId: Id,
  source: Type.Literal('tutor'),
  reason: Type.String(),
  status: Type.Union([Type.Literal('open'), Type.Literal('resolved')]),
  createdAt: Instant,
});
export type FlagCreated = Static<typeof FlagCreated>;
