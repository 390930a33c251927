// The authors' studio (all under /api/studio; roles author, coordinator and admin): modules and their
// versions, the draft being written (autosaved with a revision check), validation, preview, the
// review and publication steps, version history with diffs, export and import.
//
// A version's `content` is a whole module definition (the `ModuleDefinition` of @tremplin/content:
// slug, discipline, title, summary, en, lessons, exercises with full specs). The contract keeps it
// loose (`Type.Unknown()`): a draft may be half-written, and the server checks it against the content
// package's own schema (shape on save, everything on validate and publish). In TypeScript, use
// `import type { ModuleDefinition } from '@tremplin/content'` for its static type.
//
// Routes (errors answer `{ code, message }` from the catalogue; 401 anonymous, 403 other roles):
//   GET    /api/studio/modules                                        → StudioModuleList
//   POST   /api/studio/modules                    CreateModuleBody    → 201 StudioModule (draft v1); 409 MODULE_EXISTS
//   GET    /api/studio/modules/:slug                                  → StudioModule; 404 CONTENT_NOT_FOUND
//   POST   /api/studio/modules/:slug/drafts                           → 201 StudioModule (new draft from the newest
//                                                                       published version); 409 DRAFT_EXISTS
//   PUT    /api/studio/modules/:slug/draft        SaveDraftBody       → StudioDraftSaved; 409 STALE_DRAFT,
//                                                                       400 DRAFT_SHAPE, 409 WRONG_STATUS (in review)
//   POST   /api/studio/modules/:slug/draft/validate                   → ValidationReport (sandbox included)
//   GET    /api/studio/modules/:slug/draft/exercises/:exercise/preview → StudioPreview
//   POST   /api/studio/modules/:slug/draft/exercises/:exercise/run  StudioRunBody → StudioRunResult
//   POST   /api/studio/modules/:slug/draft/submit   SubmitDraftBody   → VersionState (draft → in_review)
//   POST   /api/studio/modules/:slug/draft/publish  PublishBody       → VersionState (in_review → published);
//                                                                       400 CHANGE_NOTE_REQUIRED, 422 INVALID_DRAFT
//                                                                       (InvalidDraftBody), 409 NOTHING_TO_PUBLISH
//   POST   /api/studio/modules/:slug/draft/return   StudioNoteBody          → VersionState (in_review → draft)
//   GET    /api/studio/modules/:slug/versions/:version                → StudioVersionContent
//   POST   /api/studio/modules/:slug/versions/:version/archive  StudioNoteBody → VersionState (published → archived)
//   GET    /api/studio/modules/:slug/versions/:version/export.zip     → application/zip (the folder format)
//   GET    /api/studio/modules/:slug/diff?from=&to=                   → VersionDiff
//   POST   /api/studio/import[?into=slug]  application/zip or ImportBody (≤ 5 MB) → ImportResult
import { Type, type Static, type TSchema } from 'typebox';
import { Base64 } from './common.ts';
import { Discipline, GradeOutcome, Answer, PublicSpec, ExerciseKind } from './learning.ts';

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const Instant = Type.String({ description: 'ISO 8601 date and time' });
const SLUG = '^[a-z0-9]+(?:-[a-z0-9]+)*$';
const StudioSlug = Type.String({ pattern: SLUG, minLength: 1, maxLength: 80 });

/** draft → in_review → published → archived (in_review → draft when sent back). */
export const VersionStatus = Type.Union([
  Type.Literal('draft'),
  Type.Literal('in_review'),
  Type.Literal('published'),
  Type.Literal('archived'),
]);
export type VersionStatus = Static<typeof VersionStatus>;

/** A module definition (see the file's header): checked by the server, not by the contract. */
export const ModuleContent = Type.Unknown({ description: 'A ModuleDefinition of @tremplin/content' });

// ---------- Params and queries ----------

export const StudioSlugParams = Type.Object({ slug: StudioSlug });
export type StudioSlugParams = Static<typeof StudioSlugParams>;
export const StudioVersionParams = Type.Object({
  slug: StudioSlug,
  version: Type.Integer({ minimum: 1, maximum: 1_000_000 }),
});
export type StudioVersionParams = Static<typeof StudioVersionParams>;
export const StudioExerciseParams = Type.Object({ slug: StudioSlug, exercise: StudioSlug });
export type StudioExerciseParams = Static<typeof StudioExerciseParams>;
export const DiffQuery = Type.Object({
  from: Type.Integer({ minimum: 1, maximum: 1_000_000 }),
  to: Type.Integer({ minimum: 1, maximum: 1_000_000 }),
});
export type DiffQuery = Static<typeof DiffQuery>;

// ---------- Modules and versions ----------

export const StudioVersion = Type.Object({
  version: Type.Integer(),
  status: VersionStatus,
  publishedAt: Nullable(Instant),
  contentHash: Nullable(Type.String()),
  changeNote: Nullable(Type.String()),
});
export type StudioVersion = Static<typeof StudioVersion>;

export const StudioModuleSummary = Type.Object({
  slug: Type.String(),
  discipline: Discipline,
  /** The newest version's title. */
  title: Type.String(),
  /** The newest version's status. */
  status: VersionStatus,
  /** Newest first. */
  versions: Type.Array(StudioVersion),
  /** The version being written (draft or in review), if any; `updatedBy` is a display name. */
  draft: Type.Optional(
    Type.Object({
      version: Type.Integer(),
      revision: Type.Integer(),
      updatedAt: Instant,
      updatedBy: Nullable(Type.String()),
    }),
  ),
});
export type StudioModuleSummary = Static<typeof StudioModuleSummary>;

export const StudioModuleList = Type.Object({ modules: Type.Array(StudioModuleSummary) });
export type StudioModuleList = Static<typeof StudioModuleList>;

/** A new module: its draft v1 holds an empty but valid definition with these titles. */
export const CreateModuleBody = Type.Object({
  slug: StudioSlug,
  discipline: Discipline,
  title: Type.String({ minLength: 1, maxLength: 200 }),
  titleEn: Type.String({ minLength: 1, maxLength: 200 }),
});
export type CreateModuleBody = Static<typeof CreateModuleBody>;

/** One step of a version's life. */
export const StudioEvent = Type.Object({
  version: Type.Integer(),
  fromStatus: Nullable(VersionStatus),
  toStatus: VersionStatus,
  actorName: Nullable(Type.String()),
  at: Instant,
  note: Nullable(Type.String()),
});
export type StudioEvent = Static<typeof StudioEvent>;

export const StudioDraft = Type.Object({
  version: Type.Integer(),
  status: Type.Union([Type.Literal('draft'), Type.Literal('in_review')]),
  revision: Type.Integer(),
  updatedAt: Instant,
  updatedByName: Nullable(Type.String()),
  content: ModuleContent,
});
export type StudioDraft = Static<typeof StudioDraft>;

export const StudioModule = Type.Object({
  slug: Type.String(),
  discipline: Discipline,
  /** The newest version's title. */
  title: Type.String(),
  /** Newest first. */
  versions: Type.Array(StudioVersion),
  /** Oldest first. */
  events: Type.Array(StudioEvent),
  draft: Type.Optional(StudioDraft),
});
export type StudioModule = Static<typeof StudioModule>;

/** Any version's content (GET …/versions/:version). */
export const StudioVersionContent = Type.Object({
  ...StudioVersion.properties,
  revision: Type.Integer(),
  content: ModuleContent,
});
export type StudioVersionContent = Static<typeof StudioVersionContent>;

// ---------- The draft ----------

/** Autosave: `revision` is the one the editor loaded; a stale one answers 409 TREMPLIN_ERR_STALE_DRAFT. */
export const SaveDraftBody = Type.Object({
  revision: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }),
  content: ModuleContent,
});
export type SaveDraftBody = Static<typeof SaveDraftBody>;

export const StudioDraftSaved = Type.Object({ revision: Type.Integer(), updatedAt: Instant });
export type StudioDraftSaved = Static<typeof StudioDraftSaved>;

/** A problem of a module, where it is (`exercises[2].spec.options`), in the request's language. */
export const ContentProblem = Type.Object({
  path: Type.String(),
  message: Type.String(),
  file: Type.Optional(Type.String()),
  line: Type.Optional(Type.Integer()),
});
export type ContentProblem = Static<typeof ContentProblem>;

export const ValidationReport = Type.Object({ problems: Type.Array(ContentProblem) });
export type ValidationReport = Static<typeof ValidationReport>;

/** The 422 of publishing a draft that does not validate: the error, and every problem. */
export const InvalidDraftBody = Type.Object({
  code: Type.String(),
  message: Type.String(),
  problems: Type.Array(ContentProblem),
});
export type InvalidDraftBody = Static<typeof InvalidDraftBody>;

/** An exercise of the draft exactly as a student would see it (public view: no key, no hidden test). */
export const StudioPreview = Type.Object({
  slug: Type.String(),
  title: Type.String(),
  kind: ExerciseKind,
  promptMd: Type.String(),
  hints: Type.Array(Type.String()),
  maxScore: Type.Number(),
  spec: PublicSpec,
});
export type StudioPreview = Static<typeof StudioPreview>;

/**
 * "Run" in the preview: `code` for a code exercise (visible tests only, as a student's Run), or
 * `answer` for another kind (graded against the draft's key). Nothing is stored.
 */
export const StudioRunBody = Type.Object({
  code: Type.Optional(Type.String({ maxLength: 262_144 })),
  answer: Type.Optional(Answer),
});
export type StudioRunBody = Static<typeof StudioRunBody>;
export const StudioRunResult = Type.Object({ result: GradeOutcome });
export type StudioRunResult = Static<typeof StudioRunResult>;

/** draft → in_review, with an optional note for the reviewer. */
export const SubmitDraftBody = Type.Object({ note: Type.Optional(Type.String({ maxLength: 2000 })) });
export type SubmitDraftBody = Static<typeof SubmitDraftBody>;
/** in_review → published; the change note is required (400 TREMPLIN_ERR_CHANGE_NOTE_REQUIRED when blank). */
export const PublishBody = Type.Object({ note: Type.Optional(Type.String({ maxLength: 2000 })) });
export type PublishBody = Static<typeof PublishBody>;
/** in_review → draft, or archiving: an optional note. */
export const StudioNoteBody = Type.Object({ note: Type.Optional(Type.String({ maxLength: 2000 })) });
export type StudioNoteBody = Static<typeof StudioNoteBody>;

/** A version after a step of its life. */
export const VersionState = Type.Object({
  version: Type.Integer(),
  status: VersionStatus,
  contentHash: Nullable(Type.String()),
});
export type VersionState = Static<typeof VersionState>;

// ---------- History ----------

export const DiffLine = Type.Object({
  kind: Type.Union([Type.Literal('added'), Type.Literal('removed'), Type.Literal('same')]),
  text: Type.String(),
});
export type DiffLine = Static<typeof DiffLine>;

/**
 * One change between two versions, at a path of the definition (`exercises[somme].spec.hiddenTests`:
 * lessons and exercises are named by slug, so a moved exercise is not reported as changed).
 * A changed text carries its line diff.
 */
export const DiffChange = Type.Object({
  path: Type.String(),
  kind: Type.Union([Type.Literal('added'), Type.Literal('removed'), Type.Literal('changed')]),
  before: Type.Optional(Type.Unknown()),
  after: Type.Optional(Type.Unknown()),
  lines: Type.Optional(Type.Array(DiffLine)),
});
export type DiffChange = Static<typeof DiffChange>;

export const VersionDiff = Type.Object({
  from: Type.Integer(),
  to: Type.Integer(),
  changes: Type.Array(DiffChange),
});
export type VersionDiff = Static<typeof VersionDiff>;

// ---------- Import ----------

/**
 * POST /api/studio/import: a zip as `application/zip`, or this JSON. The zip holds a module folder
 * (module.json at its root or in one folder) or an Exercism exercise folder (then `into` names the
 * module whose draft receives it).
 */
export const ImportBody = Type.Object({
  zipBase64: Base64({ minLength: 1, maxLength: 8_000_000 }),
  into: Type.Optional(StudioSlug),
});
export type ImportBody = Static<typeof ImportBody>;
export const ImportQuery = Type.Object({ into: Type.Optional(StudioSlug) });
export type ImportQuery = Static<typeof ImportQuery>;

export const ImportResult = Type.Object({
  slug: Type.String(),
  version: Type.Integer(),
  revision: Type.Integer(),
  /** A new module was created (else the module's draft was created or replaced). */
  created: Type.Boolean(),
  /** What could not be mapped (files ignored, settings with no equivalent). */
  unmapped: Type.Array(Type.String()),
  /** The imported draft's validation problems (it is saved all the same). */
  problems: Type.Array(ContentProblem),
});
export type ImportResult = Static<typeof ImportResult>;

/** A version's status in words, per language (for messages and screens). */
export const VERSION_STATUS_WORDS: Record<'fr' | 'en', Record<VersionStatus, string>> = {
  fr: { draft: 'un brouillon', in_review: 'en relecture', published: 'publiée', archived: 'archivée' },
  en: { draft: 'a draft', in_review: 'in review', published: 'published', archived: 'archived' },
};
