// The student's path: modules, lessons, exercises (public views: never an answer key or a hidden
// test), drafts, runs, submissions, progress, help requests and vocabulary review.
import { Type, type Static, type TSchema } from 'typebox';
import { Id, IdParams, Locale } from './common.ts';
import { SubmissionReview } from './review-outcome.ts';

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

export const Discipline = Type.Union([
  Type.Literal('programming'),
  Type.Literal('ai'),
  Type.Literal('english'),
  Type.Literal('tutoring'),
]);
export type Discipline = Static<typeof Discipline>;

export const ExerciseKind = Type.Union([
  Type.Literal('code'),
  Type.Literal('choice'),
  Type.Literal('cloze'),
  Type.Literal('ordering'),
  Type.Literal('matching'),
  Type.Literal('dictation'),
  Type.Literal('writing'),
  Type.Literal('vocabulary'),
]);
export type ExerciseKind = Static<typeof ExerciseKind>;

export const CodeLanguage = Type.Union([Type.Literal('javascript'), Type.Literal('typescript')]);
export type CodeLanguage = Static<typeof CodeLanguage>;

/** A text in both languages of the interface, where an author gave both (French at least). */
export const Localized = Type.Object({ fr: Type.String(), en: Type.Optional(Type.String()) });
export type Localized = Static<typeof Localized>;

// ---------- Public exercise views (what the browser receives) ----------

export const Option = Type.Object({ id: Type.String(), text: Type.String() });
export type Option = Static<typeof Option>;

/** The limits an exercise sets on a Run's time and output: a Run on the device keeps to them. */
export const CodeRunLimits = Type.Object({
  cpuMsPerTest: Type.Optional(Type.Number()),
  cpuMs: Type.Optional(Type.Number()),
  wallMs: Type.Optional(Type.Number()),
  outputChars: Type.Optional(Type.Integer()),
});
export type CodeRunLimits = Static<typeof CodeRunLimits>;

export const PublicCode = Type.Object({
  kind: Type.Literal('code'),
  language: CodeLanguage,
  starter: Type.String(),
  /** The visible tests' source, shown to the student and used by Run. */
  visibleTests: Type.String(),
  hiddenTestCount: Type.Integer(),
  maxSourceBytes: Type.Integer(),
  /** Only those the exercise sets (the grader's defaults otherwise). */
  limits: Type.Optional(CodeRunLimits),
});
export const PublicChoice = Type.Object({
  kind: Type.Literal('choice'),
  multiple: Type.Boolean(),
  options: Type.Array(Option),
});
export const ClozeSegment = Type.Union([
  Type.Object({ type: Type.Literal('text'), text: Type.String() }),
  Type.Object({ type: Type.Literal('gap'), id: Type.String(), size: Type.Integer() }),
]);
export type ClozeSegment = Static<typeof ClozeSegment>;
export const PublicCloze = Type.Object({ kind: Type.Literal('cloze'), segments: Type.Array(ClozeSegment) });
export const PublicOrdering = Type.Object({
  kind: Type.Literal('ordering'),
  unit: Type.Union([Type.Literal('word'), Type.Literal('sentence')]),
  /** In a shuffled order that is never the answer. */
  items: Type.Array(Option),
});
export const PublicMatching = Type.Object({
  kind: Type.Literal('matching'),
  left: Type.Array(Option),
  /** Shuffled. */
  right: Type.Array(Option),
});
export const PublicDictation = Type.Object({
  kind: Type.Literal('dictation'),
  /** BCP 47 voice language, e.g. en-US. The text itself comes from POST …/dictation/play. */
  lang: Type.String(),
  defaultRate: Type.Number(),
  maxPlays: Type.Integer(),
  playsUsed: Type.Integer(),
});
export const PublicWriting = Type.Object({
  kind: Type.Literal('writing'),
  /** The language the learner writes in. */
  language: Type.Union([Type.Literal('en'), Type.Literal('fr')]),
  /** A documentation excerpt or context the task refers to (Markdown), if any. */
  excerptMd: Type.Optional(Type.String()),
  minWords: Type.Integer(),
  maxWords: Type.Integer(),
});
export const VocabularyCard = Type.Object({
  id: Type.String(),
  term: Type.String(),
  /** The French gloss. */
  gloss: Type.String(),
  example: Type.String(),
});
export type VocabularyCard = Static<typeof VocabularyCard>;
export const PublicVocabulary = Type.Object({
  kind: Type.Literal('vocabulary'),
  cards: Type.Array(VocabularyCard),
});

export const PublicSpec = Type.Union([
  PublicCode,
  PublicChoice,
  PublicCloze,
  PublicOrdering,
  PublicMatching,
  PublicDictation,
  PublicWriting,
  PublicVocabulary,
]);
export type PublicSpec = Static<typeof PublicSpec>;

// ---------- Answers a student submits (English exercises) ----------

export const ChoiceAnswer = Type.Object({
  kind: Type.Literal('choice'),
  selected: Type.Array(Type.String(), { maxItems: 50 }),
});
export const ClozeAnswer = Type.Object({
  kind: Type.Literal('cloze'),
  gaps: Type.Record(Type.String(), Type.String({ maxLength: 200 })),
});
export const OrderingAnswer = Type.Object({
  kind: Type.Literal('ordering'),
  order: Type.Array(Type.String(), { maxItems: 100 }),
});
export const MatchingAnswer = Type.Object({
  kind: Type.Literal('matching'),
  /** left id → right id */
  pairs: Type.Record(Type.String(), Type.String()),
});
export const DictationAnswer = Type.Object({
  kind: Type.Literal('dictation'),
  text: Type.String({ maxLength: 5000 }),
});
export const WritingAnswer = Type.Object({
  kind: Type.Literal('writing'),
  text: Type.String({ maxLength: 10000 }),
});
export const Answer = Type.Union([
  ChoiceAnswer,
  ClozeAnswer,
  OrderingAnswer,
  MatchingAnswer,
  DictationAnswer,
  WritingAnswer,
]);
export type Answer = Static<typeof Answer>;

// ---------- Results ----------

export const TestOutcome = Type.Object({
  name: Type.String(),
  /** 'skipped' (test.skip, describe.skip) and 'todo' (test.todo): listed, never run nor graded. */
  status: Type.Union([
    Type.Literal('pass'),
    Type.Literal('fail'),
    Type.Literal('error'),
    Type.Literal('skipped'),
    Type.Literal('todo'),
  ]),
  /** For a hidden test: only a generic message. */
  message: Type.Optional(Type.String()),
  hidden: Type.Boolean(),
  durationMs: Type.Number(),
  output: Type.Optional(Type.String()),
});
export type TestOutcome = Static<typeof TestOutcome>;

/** Whether a test was run and graded: skipped and to-do tests count in neither `passed`, `total` nor the score. */
export function isGradedTest(test: Pick<TestOutcome, 'status'>): boolean {
  return test.status !== 'skipped' && test.status !== 'todo';
}

export const CodeResult = Type.Object({
  kind: Type.Literal('code'),
  status: Type.Union([Type.Literal('pass'), Type.Literal('fail'), Type.Literal('error')]),
  /** Why it could not be graded (syntax error, limit hit), in the student's language. */
  message: Type.Optional(Type.String()),
  /** Graded tests that passed, out of `total` graded tests (skipped and to-do ones left out). */
  passed: Type.Integer(),
  total: Type.Integer(),
  tests: Type.Array(TestOutcome),
});
export type CodeResult = Static<typeof CodeResult>;

export const ItemOutcome = Type.Object({
  /** The option, gap, item, pair (left id), word index or rubric keyword it is about. */
  id: Type.String(),
  status: Type.Union([
    Type.Literal('correct'),
    Type.Literal('accepted-typo'),
    Type.Literal('wrong'),
    Type.Literal('missing'),
  ]),
  /** Feedback for this item (per-option feedback, "watch the spelling: …"). */
  message: Type.Optional(Type.String()),
  /** The expected answer, shown after grading where the author allows it. */
  expected: Type.Optional(Type.String()),
  points: Type.Optional(Type.Number()),
});
export type ItemOutcome = Static<typeof ItemOutcome>;

export const AnswerResult = Type.Object({
  kind: Type.Literal('answers'),
  status: Type.Union([Type.Literal('pass'), Type.Literal('partial'), Type.Literal('fail')]),
  items: Type.Array(ItemOutcome),
  /** General feedback and the author's hint. */
  feedback: Type.Optional(Type.String()),
  hint: Type.Optional(Type.String()),
  /** A low-confidence automatic score, queued for a grader. */
  needsReview: Type.Boolean(),
});
export type AnswerResult = Static<typeof AnswerResult>;

export const GradeOutcome = Type.Union([CodeResult, AnswerResult]);
export type GradeOutcome = Static<typeof GradeOutcome>;

// ---------- Resources ----------

export const ExerciseSummary = Type.Object({
  id: Id,
  slug: Type.String(),
  title: Type.String(),
  kind: ExerciseKind,
  lessonId: Nullable(Id),
  maxScore: Type.Number(),
  bestScore: Nullable(Type.Number()),
  attempts: Type.Integer(),
  /**
   * Present (true) when the learner solved this exercise in an earlier version of the module whose
   * tests or answer key differ from this version's.
   */
  changedSinceSolved: Type.Optional(Type.Boolean()),
});
export type ExerciseSummary = Static<typeof ExerciseSummary>;

export const LessonSummary = Type.Object({ id: Id, title: Type.String(), read: Type.Boolean() });
export type LessonSummary = Static<typeof LessonSummary>;

export const ModuleProgress = Type.Object({
  exercisesDone: Type.Integer(),
  exercisesTotal: Type.Integer(),
  lessonsRead: Type.Integer(),
  lessonsTotal: Type.Integer(),
  score: Type.Number(),
  maxScore: Type.Number(),
});
export type ModuleProgress = Static<typeof ModuleProgress>;

export const ModuleSummary = Type.Object({
  slug: Type.String(),
  title: Type.String(),
  summary: Type.String(),
  discipline: Discipline,
  version: Type.Integer(),
  progress: ModuleProgress,
  nextExercise: Nullable(Type.Object({ id: Id, title: Type.String(), kind: ExerciseKind })),
  /** The deadline the coordination set for the learner's group (an instant, shown in Lomé time); null: none. */
  dueAt: Nullable(Type.String({ format: 'date-time' })),
});
export type ModuleSummary = Static<typeof ModuleSummary>;

export const ModuleList = Type.Object({ modules: Type.Array(ModuleSummary) });
export type ModuleList = Static<typeof ModuleList>;

export const ModuleDetail = Type.Object({
  ...ModuleSummary.properties,
  lessons: Type.Array(LessonSummary),
  exercises: Type.Array(ExerciseSummary),
});
export type ModuleDetail = Static<typeof ModuleDetail>;

const Neighbour = Nullable(
  Type.Object({
    type: Type.Union([Type.Literal('lesson'), Type.Literal('exercise')]),
    id: Id,
    title: Type.String(),
  }),
);

export const Lesson = Type.Object({
  id: Id,
  title: Type.String(),
  /** Markdown: render it sanitized (no script, no event handler reaches the page). */
  bodyMd: Type.String(),
  moduleSlug: Type.String(),
  moduleTitle: Type.String(),
  read: Type.Boolean(),
  previous: Neighbour,
  next: Neighbour,
  exercises: Type.Array(ExerciseSummary),
});
export type Lesson = Static<typeof Lesson>;

export const Exercise = Type.Object({
  id: Id,
  slug: Type.String(),
  title: Type.String(),
  kind: ExerciseKind,
  /** The instructions (Markdown, render sanitized). */
  promptMd: Type.String(),
  /** The first hint (kept for older clients); `hints` holds them all. */
  hint: Type.Optional(Type.String()),
  /** Hints to reveal one after another, the gentlest first. */
  hints: Type.Array(Type.String()),
  maxScore: Type.Number(),
  moduleSlug: Type.String(),
  moduleTitle: Type.String(),
  previous: Neighbour,
  next: Neighbour,
  spec: PublicSpec,
  /** The saved draft of a code exercise (null: start from the starter). */
  draft: Nullable(Type.Object({ code: Type.String(), updatedAt: Type.String() })),
  bestScore: Nullable(Type.Number()),
  attempts: Type.Integer(),
  /** See ExerciseSummary.changedSinceSolved. */
  changedSinceSolved: Type.Optional(Type.Boolean()),
});
export type Exercise = Static<typeof Exercise>;

export const ExerciseParams = IdParams;
export const SlugParams = Type.Object({ slug: Type.String({ pattern: '^[a-z0-9-]{1,80}$' }) });

/** A paste into the editor since the last save: its size, whether the editor was empty, and when. */
export const PasteEvent = Type.Object({
  chars: Type.Integer({ minimum: 0, maximum: 10_000_000 }),
  intoEmpty: Type.Boolean(),
  /** Milliseconds between opening the exercise and the paste. */
  msSinceOpen: Type.Integer({ minimum: 0, maximum: 1_000_000_000 }),
});
export type PasteEvent = Static<typeof PasteEvent>;
/**
 * A draft save. `baseUpdatedAt` is the `updatedAt` of the server's draft this text was written from
 * (null: written from the starter, no draft was saved): when the server's draft changed since, the
 * save answers 409 TREMPLIN_ERR_DRAFT_CONFLICT with the server's version (DraftConflictBody) and
 * nothing is overwritten. Without it (older clients) the last save wins, as before.
 */
export const DraftBody = Type.Object({
  code: Type.String(),
  pastes: Type.Optional(Type.Array(PasteEvent, { maxItems: 20 })),
  baseUpdatedAt: Type.Optional(Nullable(Type.String({ format: 'date-time' }))),
});
export type DraftBody = Static<typeof DraftBody>;
export const DraftSaved = Type.Object({ updatedAt: Type.String() });

/** The 409 of a draft save whose base is stale: the error, and the draft the server keeps. */
export const DraftConflictBody = Type.Object({
  code: Type.String(),
  message: Type.String(),
  server: Type.Object({ code: Type.String(), updatedAt: Type.String() }),
});
export type DraftConflictBody = Static<typeof DraftConflictBody>;

export const RunBody = Type.Object({ code: Type.String() });
export type RunBody = Static<typeof RunBody>;
export const RunResult = Type.Object({ id: Id, result: CodeResult });
export type RunResult = Static<typeof RunResult>;

/** One of code (code exercises) or answer (English exercises); the key makes a double click harmless. */
export const SubmissionBody = Type.Object({
  idempotencyKey: Type.String({ minLength: 8, maxLength: 100 }),
  code: Type.Optional(Type.String()),
  answer: Type.Optional(Answer),
  /**
   * When the learner made it, by their device's clock, if it was made offline and sent later (at
   * most 7 days before it reaches the server, at most 5 minutes after: 400 otherwise).
   */
  clientCreatedAt: Type.Optional(Type.String({ format: 'date-time' })),
});
export type SubmissionBody = Static<typeof SubmissionBody>;

export const SubmissionStatus = Type.Union([
  Type.Literal('queued'),
  Type.Literal('grading'),
  Type.Literal('graded'),
  Type.Literal('error'),
]);
export type SubmissionStatus = Static<typeof SubmissionStatus>;

export const SubmissionAccepted = Type.Object({ id: Id, status: SubmissionStatus });
export type SubmissionAccepted = Static<typeof SubmissionAccepted>;

export const Submission = Type.Object({
  id: Id,
  exerciseId: Id,
  status: SubmissionStatus,
  score: Nullable(Type.Number()),
  maxScore: Type.Number(),
  createdAt: Type.String(),
  /** When it was made offline (sent later); absent when it was sent as it was made. */
  madeOfflineAt: Type.Optional(Type.String()),
  /**
   * Made after the deadline the learner's group has for the module (by when it was made: work made
   * offline before the deadline is on time). Still graded; the learner's tutors see it too.
   */
  late: Type.Boolean(),
  gradedAt: Nullable(Type.String()),
  code: Nullable(Type.String()),
  answer: Nullable(Answer),
  result: Nullable(GradeOutcome),
  /** Appeals and graders' decisions on this submission (absent while there are none to tell). */
  review: Type.Optional(SubmissionReview),
});
export type Submission = Static<typeof Submission>;

export const SubmissionList = Type.Object({ submissions: Type.Array(Submission) });
export type SubmissionList = Static<typeof SubmissionList>;

export const DictationPlay = Type.Object({
  text: Type.String(),
  lang: Type.String(),
  playsUsed: Type.Integer(),
  maxPlays: Type.Integer(),
});
export type DictationPlay = Static<typeof DictationPlay>;

export const HelpRequestBody = Type.Object({ message: Type.String({ maxLength: 1000 }) });
export type HelpRequestBody = Static<typeof HelpRequestBody>;
/** A raised hand: open, taken by a tutor, resolved, or cancelled by the learner. */
export const HelpStatus = Type.Union([
  Type.Literal('open'),
  Type.Literal('taken'),
  Type.Literal('resolved'),
  Type.Literal('cancelled'),
]);
export type HelpStatus = Static<typeof HelpStatus>;

export const HelpRequest = Type.Object({
  id: Id,
  exerciseId: Nullable(Id),
  status: HelpStatus,
  message: Type.String(),
  createdAt: Type.String(),
});
export type HelpRequest = Static<typeof HelpRequest>;

/** A submission of the learner's latest, as their home and progress pages list them. */
export const RecentSubmission = Type.Object({
  submissionId: Id,
  exerciseId: Id,
  exerciseTitle: Type.String(),
  score: Nullable(Type.Number()),
  maxScore: Type.Number(),
  status: SubmissionStatus,
  createdAt: Type.String(),
});
export type RecentSubmission = Static<typeof RecentSubmission>;

export const Progress = Type.Object({
  modules: Type.Array(
    Type.Object({
      slug: Type.String(),
      title: Type.String(),
      discipline: Discipline,
      progress: ModuleProgress,
    }),
  ),
  exercises: Type.Array(
    Type.Object({
      id: Id,
      title: Type.String(),
      moduleSlug: Type.String(),
      kind: ExerciseKind,
      bestScore: Nullable(Type.Number()),
      maxScore: Type.Number(),
      attempts: Type.Integer(),
    }),
  ),
  /** Activity per day (runs, submissions, lessons read, reviews) over the last 8 weeks, oldest first. */
  activity: Type.Array(Type.Object({ date: Type.String(), count: Type.Integer() })),
  /** The latest graded submissions, newest first. */
  recent: Type.Array(RecentSubmission),
  vocabularyDue: Type.Integer(),
});
export type Progress = Static<typeof Progress>;

/** What the learner's home shows besides the modules: the latest feedback and the vocabulary due. */
export const HomeSummary = Type.Object({
  recent: Type.Array(RecentSubmission),
  vocabularyDue: Type.Integer(),
});
export type HomeSummary = Static<typeof HomeSummary>;

export const ReviewRating = Type.Union([Type.Literal(1), Type.Literal(2), Type.Literal(3), Type.Literal(4)]);
export type ReviewRating = Static<typeof ReviewRating>;

export const VocabularyDue = Type.Object({
  cardKey: Type.String(),
  exerciseId: Id,
  card: VocabularyCard,
  due: Type.String(),
  isNew: Type.Boolean(),
});
export type VocabularyDue = Static<typeof VocabularyDue>;
/**
 * The technical terms of the learner's vocabulary decks with their French gloss: a term written in
 * italics or bold in a lesson or an exercise shows its gloss when tapped.
 */
export const Glossary = Type.Object({
  terms: Type.Array(Type.Object({ term: Type.String(), gloss: Type.String() })),
});
export type Glossary = Static<typeof Glossary>;
export const VocabularyQueue = Type.Object({ cards: Type.Array(VocabularyDue), dueCount: Type.Integer() });
export type VocabularyQueue = Static<typeof VocabularyQueue>;
export const VocabularyReviewBody = Type.Object({
  cardKey: Type.String({ maxLength: 200 }),
  rating: ReviewRating,
});
export type VocabularyReviewBody = Static<typeof VocabularyReviewBody>;
export const VocabularyReviewed = Type.Object({
  cardKey: Type.String(),
  nextDue: Type.String(),
  dueCount: Type.Integer(),
});
export type VocabularyReviewed = Static<typeof VocabularyReviewed>;

export const LocaleQuery = Type.Object({ locale: Type.Optional(Locale) });
