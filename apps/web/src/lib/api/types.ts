/**
 * Wire types of the Tremplin API used by the web app, from @tremplin/contracts.
 */

export const ROLES = ['student', 'tutor', 'author', 'grader', 'coordinator', 'admin', 'candidate'] as const;
export type Role = (typeof ROLES)[number];

// Types only: the schemas themselves stay on the server side of the bundle.
export type {
  ErrorBody as ApiErrorBody,
  GroupList as GroupsResponse,
  GroupSummary,
  Health,
  LoginResponse,
  Me,
  MeGroup,
  Synced,
  SignInFailureAddress,
  SignInFailures,
} from '@tremplin/contracts';

// The student's path (modules, lessons, exercises, submissions, progress, vocabulary).
export type {
  Answer,
  AnswerResult,
  ClozeSegment,
  CodeLanguage,
  CodeResult,
  Discipline,
  DictationPlay,
  DraftBody,
  DraftConflictBody,
  Exercise,
  ExerciseKind,
  ExerciseSummary,
  GradeOutcome,
  HelpRequest,
  ItemOutcome,
  Lesson,
  HomeSummary,
  LessonSummary,
  ModuleDetail,
  ModuleList,
  ModuleProgress,
  ModuleSummary,
  OfflineCopy,
  Option as ChoiceOption,
  PasteEvent,
  Progress,
  PublicSpec,
  ReviewRating,
  RunResult,
  Submission,
  SubmissionAccepted,
  SubmissionBody,
  SubmissionList,
  SubmissionReview,
  SubmissionStatus,
  TestOutcome,
  VocabularyCard,
  VocabularyDue,
  VocabularyQueue,
  VocabularyReviewed,
} from '@tremplin/contracts';

/** Error codes the web app reacts to; the API may send others. */
export type KnownErrorCode =
  | 'TREMPLIN_ERR_INVALID_CREDENTIALS'
  | 'TREMPLIN_ERR_ACCOUNT_DISABLED'
  | 'TREMPLIN_ERR_TOO_MANY_ATTEMPTS'
  | 'TREMPLIN_ERR_UNAUTHENTICATED'
  | 'TREMPLIN_ERR_NOT_ENROLLED'
  | 'TREMPLIN_ERR_NOT_FOUND'
  | 'TREMPLIN_ERR_CODE_TOO_LARGE'
  | 'TREMPLIN_ERR_ANSWER_SHAPE'
  | 'TREMPLIN_ERR_VERSION_NOT_OPEN'
  | 'TREMPLIN_ERR_PLAY_LIMIT'
  /** Client side: the request never got an answer from the API. */
  | 'TREMPLIN_ERR_NETWORK'
  /** Client side: the answer was not the JSON the contract promises. */
  | 'TREMPLIN_ERR_UNEXPECTED_RESPONSE';

export type ErrorCode = KnownErrorCode | (string & {});

// The public call for tutors and the coordination's screening.
export type {
  ApplicationDetail,
  ApplicationDocument,
  ApplicationList,
  ApplicationListQuery,
  ApplicationStatus,
  ApplicationSummary,
  CallField,
  CallUniversity,
  EligibilityReason,
  OwnApplication,
  RubricCriterion,
  StudyLevel,
  TutorCall,
  TutorCallBody,
  TutorCallList,
} from '@tremplin/contracts';
