// Bulk import from CSV (the coordination): upload a file → a dry-run report → apply it once.
//
//   POST /api/imports?kind=students|tutors|assignments[&fileName=…]
//        body: the file as `text/csv` (raw bytes, UTF-8 with or without BOM, ≤ 10 MB)
//              or JSON { csvBase64 } (the same bytes in base64)                → ImportReport (201)
//   GET  /api/imports                                                          → ImportList
//   GET  /api/imports/:importId                                                → ImportReport
//   POST /api/imports/:importId/apply  { mode: 'all' | 'valid' }               → ImportReport
//   POST /api/imports/:importId/activation-links → text/csv (email,nom,lien): new one-time links
//        (14 days) for the accounts the import created that are not activated yet; each call
//        replaces the links given before.
//
// Columns (header line 1; accents, case, spaces and dashes ignored; French or English names):
//   students, tutors: email;nom;universite;cohorte;groupe   (name|university|cohort|group)
//   assignments:      email;groupe;cohorte[;universite]     (a learner of the cohort moves; a tutor is assigned)
// A university is named by its slug, name or city; a cohort by its slug or name. A group not there
// yet is created in the row's university and cohort (the report lists them).
import { Type, type Static } from 'typebox';
import { Base64, Id } from './common.ts';

export const ImportKind = Type.Union([
  Type.Literal('students'),
  Type.Literal('tutors'),
  Type.Literal('assignments'),
]);
export type ImportKind = Static<typeof ImportKind>;

export const ImportUploadQuery = Type.Object({
  kind: ImportKind,
  fileName: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
});
export type ImportUploadQuery = Static<typeof ImportUploadQuery>;

/** The JSON form of an upload (a `text/csv` body arrives as the same object). */
export const ImportUploadBody = Type.Object({
  csvBase64: Base64({ minLength: 1, maxLength: 14_000_000 }),
});
export type ImportUploadBody = Static<typeof ImportUploadBody>;

export const ImportParams = Type.Object({ importId: Id });
export type ImportParams = Static<typeof ImportParams>;

export const ImportApplyBody = Type.Object({
  /** `all`: every row or nothing (refused while a row has an error); `valid`: the valid rows only. */
  mode: Type.Union([Type.Literal('all'), Type.Literal('valid')]),
});
export type ImportApplyBody = Static<typeof ImportApplyBody>;

export const ImportIssue = Type.Object({
  /** The file line (the header is line 1). */
  line: Type.Integer({ minimum: 1 }),
  /** The column as the file's header names it; null for a problem of the whole file. */
  column: Type.Union([Type.String(), Type.Null()]),
  code: Type.String(),
  /** In the caller's language. */
  message: Type.String(),
});
export type ImportIssue = Static<typeof ImportIssue>;

export const ImportPreviewRow = Type.Object({
  line: Type.Integer(),
  email: Type.String(),
  name: Type.Union([Type.String(), Type.Null()]),
  university: Type.String(),
  cohort: Type.String(),
  group: Type.String(),
  action: Type.Union([
    Type.Literal('create-student'),
    Type.Literal('create-tutor'),
    Type.Literal('move'),
    Type.Literal('assign-tutor'),
  ]),
  newGroup: Type.Boolean(),
});

export const ImportStatus = Type.Union([
  Type.Literal('checked'),
  Type.Literal('applied'),
  Type.Literal('discarded'),
]);

const Instant = Type.String({ format: 'date-time' });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) =>
  Type.Union([schema, Type.Null()]);

export const ImportSummary = Type.Object({
  id: Id,
  kind: ImportKind,
  fileName: Type.String(),
  status: ImportStatus,
  rowsTotal: Type.Integer(),
  rowsValid: Type.Integer(),
  rowsImported: Nullable(Type.Integer()),
  mode: Nullable(Type.Union([Type.Literal('all'), Type.Literal('valid')])),
  createdAt: Instant,
  appliedAt: Nullable(Instant),
});
export type ImportSummary = Static<typeof ImportSummary>;

export const ImportReport = Type.Object({
  ...ImportSummary.properties,
  /** Every problem, by line (at most the first 1,000; `errorsTotal` counts them all). */
  errors: Type.Array(ImportIssue),
  errorsTotal: Type.Integer(),
  groupsToCreate: Type.Array(
    Type.Object({ name: Type.String(), university: Type.String(), cohort: Type.String() }),
  ),
  /** The first valid rows, as they will be written. */
  preview: Type.Array(ImportPreviewRow),
  /** After an apply: the groups it created. */
  groupsCreated: Nullable(Type.Integer()),
});
export type ImportReport = Static<typeof ImportReport>;

export const ImportList = Type.Object({ imports: Type.Array(ImportSummary) });
export type ImportList = Static<typeof ImportList>;
