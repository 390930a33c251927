import { Type, type Static } from 'typebox';
import { Base64, Id, Locale } from './common.ts';
import { Me } from './auth.ts';

/** A short identifier in a call's lists (fields of study, rubric criteria): lower case, digits, dashes. */
const Slug = Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,39}$' });
const DateTime = Type.String({ format: 'date-time' });

export const STUDY_LEVELS = ['licence', 'master', 'doctorate'] as const;
export const StudyLevel = Type.Union([
  Type.Literal('licence'),
  Type.Literal('master'),
  Type.Literal('doctorate'),
]);
export type StudyLevel = Static<typeof StudyLevel>;

export const CallField = Type.Object({
  id: Slug,
  fr: Type.String({ minLength: 1, maxLength: 120 }),
  en: Type.String({ minLength: 1, maxLength: 120 }),
});
export type CallField = Static<typeof CallField>;

export const RubricCriterion = Type.Object({
  id: Slug,
  fr: Type.String({ minLength: 1, maxLength: 200 }),
  en: Type.String({ minLength: 1, maxLength: 200 }),
  max: Type.Integer({ minimum: 1, maximum: 100 }),
});
export type RubricCriterion = Static<typeof RubricCriterion>;

export const CallUniversity = Type.Object({ id: Id, slug: Type.String(), name: Type.String() });
export type CallUniversity = Static<typeof CallUniversity>;

/** A call for tutors as anyone reads it: its deadline is an instant, shown in Lomé time. */
export const TutorCall = Type.Object({
  id: Id,
  slug: Type.String(),
  title: Type.String(),
  bodyMd: Type.String(),
  opensAt: DateTime,
  closesAt: DateTime,
  /** Whether applications are taken now (opened, and before the deadline). */
  open: Type.Boolean(),
  seats: Type.Integer(),
  universities: Type.Array(CallUniversity),
  levels: Type.Array(StudyLevel),
  fields: Type.Array(CallField),
  rubric: Type.Array(RubricCriterion),
  trainingCohortId: Id,
});
export type TutorCall = Static<typeof TutorCall>;

export const TutorCallList = Type.Object({
  calls: Type.Array(TutorCall),
  /** Every university, for the application form (a candidate may name one the call does not take). */
  universities: Type.Array(CallUniversity),
});
export type TutorCallList = Static<typeof TutorCallList>;

/** What a coordinator sets when opening or editing a call. */
export const TutorCallBody = Type.Object({
  slug: Type.String({ pattern: '^[a-z0-9][a-z0-9-]{2,79}$' }),
  title: Type.String({ minLength: 3, maxLength: 200 }),
  bodyMd: Type.String({ maxLength: 20_000 }),
  opensAt: DateTime,
  closesAt: DateTime,
  seats: Type.Integer({ minimum: 1, maximum: 100_000 }),
  universityIds: Type.Array(Id, { minItems: 1, maxItems: 50, uniqueItems: true }),
  levels: Type.Array(StudyLevel, { minItems: 1, maxItems: 3, uniqueItems: true }),
  fields: Type.Array(CallField, { minItems: 1, maxItems: 60 }),
  rubric: Type.Array(RubricCriterion, { minItems: 1, maxItems: 12 }),
  trainingCohortId: Id,
});
export type TutorCallBody = Static<typeof TutorCallBody>;

/** Signing up on the public call: the account gets the candidate role and is signed in. */
export const CandidateSignUpBody = Type.Object({
  email: Type.String({ format: 'email', maxLength: 254 }),
  displayName: Type.String({ minLength: 2, maxLength: 120 }),
  /** At least 10 characters: a passphrase rather than a word. */
  password: Type.String({ minLength: 10, maxLength: 512 }),
  locale: Type.Optional(Locale),
});
export type CandidateSignUpBody = Static<typeof CandidateSignUpBody>;

export const CandidateSignUpResponse = Type.Object({ user: Me });
export type CandidateSignUpResponse = Static<typeof CandidateSignUpResponse>;

export const ApplicationBody = Type.Object({
  universityId: Id,
  level: StudyLevel,
  /** One of the call's fields of study, or `other` (then not eligible). */
  field: Slug,
  studentNumber: Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9 ./-]{2,39}$' }),
  motivation: Type.String({ minLength: 50, maxLength: 5000 }),
});
export type ApplicationBody = Static<typeof ApplicationBody>;

export const ELIGIBILITY_RULES = ['university', 'level', 'field'] as const;
export const EligibilityReason = Type.Object({
  rule: Type.Union([Type.Literal('university'), Type.Literal('level'), Type.Literal('field')]),
  /** Said in the reader's language. */
  message: Type.String(),
});
export type EligibilityReason = Static<typeof EligibilityReason>;

export const ApplicationStatus = Type.Union([
  Type.Literal('submitted'),
  Type.Literal('selected'),
  Type.Literal('rejected'),
  Type.Literal('withdrawn'),
]);
export type ApplicationStatus = Static<typeof ApplicationStatus>;

export const ApplicationDocument = Type.Object({
  id: Id,
  fileName: Type.String(),
  sizeBytes: Type.Integer(),
  uploadedAt: DateTime,
});
export type ApplicationDocument = Static<typeof ApplicationDocument>;

/** An application as its candidate sees it: their answers, eligibility at once, the outcome. */
export const OwnApplication = Type.Object({
  id: Id,
  callId: Id,
  universityId: Id,
  universityName: Type.String(),
  level: StudyLevel,
  field: Type.String(),
  studentNumber: Type.String(),
  motivation: Type.String(),
  eligible: Type.Boolean(),
  reasons: Type.Array(EligibilityReason),
  status: ApplicationStatus,
  /** The coordination's note, shown once decided. */
  decisionNote: Type.Union([Type.String(), Type.Null()]),
  decidedAt: Type.Union([DateTime, Type.Null()]),
  submittedAt: DateTime,
  updatedAt: DateTime,
  documents: Type.Array(ApplicationDocument),
});
export type OwnApplication = Static<typeof OwnApplication>;

export const OwnApplications = Type.Object({ applications: Type.Array(OwnApplication) });
export type OwnApplications = Static<typeof OwnApplications>;

export const DocumentUploadQuery = Type.Object({
  /** The file's name as the candidate had it (kept for display; the type is read from the content). */
  name: Type.String({ minLength: 1, maxLength: 200 }),
});
export type DocumentUploadQuery = Static<typeof DocumentUploadQuery>;

/** A PDF: sent as `application/pdf` or `application/octet-stream`, or base64 in JSON. */
export const DocumentUploadBody = Type.Object({ contentBase64: Base64({ maxLength: 20_000_000 }) });
export type DocumentUploadBody = Static<typeof DocumentUploadBody>;

export const ApplicationParams = Type.Object({ id: Id });
export const ApplicationDocumentParams = Type.Object({ id: Id });

export const ApplicationListQuery = Type.Object({
  status: Type.Optional(ApplicationStatus),
  eligible: Type.Optional(Type.Boolean()),
  universityId: Type.Optional(Id),
  level: Type.Optional(StudyLevel),
  field: Type.Optional(Slug),
  minScore: Type.Optional(Type.Number({ minimum: 0, maximum: 10_000 })),
  maxScore: Type.Optional(Type.Number({ minimum: 0, maximum: 10_000 })),
  /** Part of the name, address or student number. */
  q: Type.Optional(Type.String({ maxLength: 100 })),
});
export type ApplicationListQuery = Static<typeof ApplicationListQuery>;

/** One line of the coordination's list. */
export const ApplicationSummary = Type.Object({
  id: Id,
  candidateName: Type.String(),
  email: Type.String(),
  universityName: Type.String(),
  level: StudyLevel,
  field: Type.String(),
  eligible: Type.Boolean(),
  status: ApplicationStatus,
  /** The mean of the reviewers' totals; null before any review. */
  meanScore: Type.Union([Type.Number(), Type.Null()]),
  reviewCount: Type.Integer(),
  documentCount: Type.Integer(),
  submittedAt: DateTime,
});
export type ApplicationSummary = Static<typeof ApplicationSummary>;

export const ApplicationCounts = Type.Object({
  total: Type.Integer(),
  eligible: Type.Integer(),
  submitted: Type.Integer(),
  selected: Type.Integer(),
  rejected: Type.Integer(),
});
export type ApplicationCounts = Static<typeof ApplicationCounts>;

export const ApplicationList = Type.Object({
  /** Of the call as a whole, whatever the filters. */
  counts: ApplicationCounts,
  /** How many match the filters (the list shows the first 500). */
  matching: Type.Integer(),
  applications: Type.Array(ApplicationSummary),
});
export type ApplicationList = Static<typeof ApplicationList>;

export const ApplicationReview = Type.Object({
  reviewerId: Id,
  reviewerName: Type.String(),
  scores: Type.Record(Type.String(), Type.Number()),
  total: Type.Number(),
  comment: Type.Union([Type.String(), Type.Null()]),
  updatedAt: DateTime,
});
export type ApplicationReview = Static<typeof ApplicationReview>;

/** What the coordination sees of one application: the candidate's answers, documents, every review. */
export const ApplicationDetail = Type.Object({
  application: OwnApplication,
  candidateName: Type.String(),
  email: Type.String(),
  call: TutorCall,
  reviews: Type.Array(ApplicationReview),
  meanScore: Type.Union([Type.Number(), Type.Null()]),
  /** The mean per criterion, over the reviewers. */
  meanByCriterion: Type.Record(Type.String(), Type.Number()),
  /** Where a selected candidate was placed for the training. */
  trainingGroupName: Type.Union([Type.String(), Type.Null()]),
});
export type ApplicationDetail = Static<typeof ApplicationDetail>;

export const ReviewBody = Type.Object({
  scores: Type.Record(Slug, Type.Integer({ minimum: 0, maximum: 100 })),
  comment: Type.Optional(Type.String({ maxLength: 2000 })),
});
export type ReviewBody = Static<typeof ReviewBody>;

export const DecisionBody = Type.Object({
  decision: Type.Union([Type.Literal('selected'), Type.Literal('rejected')]),
  note: Type.String({ maxLength: 2000 }),
});
export type DecisionBody = Static<typeof DecisionBody>;

export const RecruitmentExportParams = Type.Object({
  id: Id,
  kind: Type.Union([Type.Literal('call'), Type.Literal('applications'), Type.Literal('decisions')]),
});
export type RecruitmentExportParams = Static<typeof RecruitmentExportParams>;
