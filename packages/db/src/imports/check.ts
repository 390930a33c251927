// The dry run: every row of an import checked against the file and the database before anything is
// written. The same check runs again inside the apply's transaction (the database may have changed).
import { and, inArray, or, eq } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { cohorts, groups, memberships, universities, users } from '../schema/index.ts';
import { fold, IMPORT_COLUMNS, mapHeader, type ColumnKey, type ImportKind } from './columns.ts';
import type { ImportIssueCode } from './messages.ts';
import { CsvReadError, parseCsv } from './parse.ts';

export interface ImportIssue {
  /** The file line (the header is line 1). */
  line: number;
  /** The column as the file's header names it (or as the template does when it is missing). */
  column: string | null;
  code: ImportIssueCode;
  params: Record<string, string | number>;
}

export type ImportAction = 'create-student' | 'create-tutor' | 'move' | 'assign-tutor';

export interface PreviewRow {
  line: number;
  email: string;
  name: string | null;
  university: string;
  cohort: string;
  group: string;
  action: ImportAction;
  /** The group will be created by this import. */
  newGroup: boolean;
}

export interface GroupToCreate {
  name: string;
  university: string;
  cohort: string;
}

export interface ImportReport {
  kind: ImportKind;
  rowsTotal: number;
  rowsValid: number;
  errors: ImportIssue[];
  groupsToCreate: GroupToCreate[];
  /** The first valid rows, as they will be written. */
  preview: PreviewRow[];
}

/** A valid row, resolved to the ids the apply writes. */
export interface ValidRow {
  line: number;
  email: string;
  name: string;
  universityId: string;
  cohortId: string;
  /** `cohortId|folded name`: the key of the group, existing or to create. */
  groupKey: string;
  action: ImportAction;
  /** assignments: the account, and the learner's membership that moves (with its group). */
  userId?: string;
  membershipId?: string;
  fromGroupId?: string;
}

export interface PlannedGroup {
  key: string;
  /** Null when the import creates it. */
  id: string | null;
  name: string;
  universityId: string;
  cohortId: string;
}

export interface CheckedImport {
  report: ImportReport;
  rows: ValidRow[];
  /** Every group the valid rows go to, by key. */
  groups: Map<string, PlannedGroup>;
}

export const PREVIEW_ROWS = 50;
const MAX_EMAIL = 254;
const MAX_NAME = 120;
const MAX_GROUP = 80;
/** A pragmatic address check: something@domain.tld, no spaces, one @. */
const EMAIL = /^[^\s@"<>,;]+@[^\s@"<>,;]+\.[^\s@"<>,;.]{2,}$/;
const SLICE = 5_000;

export function slices<T>(items: T[], size = SLICE): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

const groupKey = (cohortId: string, name: string) => `${cohortId}|${fold(name)}`;

function emptyReport(kind: ImportKind, rowsTotal: number, errors: ImportIssue[]): CheckedImport {
  return {
    report: { kind, rowsTotal, rowsValid: 0, errors, groupsToCreate: [], preview: [] },
    rows: [],
    groups: new Map(),
  };
}

interface Draft {
  line: number;
  cells: Record<ColumnKey, string>;
  issues: ImportIssue[];
  universityId?: string;
  cohortId?: string;
}

/** Checks an import file of a kind against the database; writes nothing. */
export async function checkImport(db: Db, kind: ImportKind, text: string): Promise<CheckedImport> {
  let parsed;
  try {
    parsed = parseCsv(text);
  } catch (error) {
    if (!(error instanceof CsvReadError)) throw error;
    return emptyReport(kind, 0, [{ line: error.line ?? 1, column: null, code: error.code, params: {} }]);
  }
  const columns = IMPORT_COLUMNS[kind];
  const header = mapHeader(parsed.header.cells);
  const missingColumns = columns.filter((c) => c.required && !header[c.key]);
  if (missingColumns.length > 0)
    return emptyReport(
      kind,
      parsed.records.length,
      missingColumns.map((c) => ({
        line: parsed.header.line,
        column: c.label,
        code: 'missing-column',
        params: { column: c.label },
      })),
    );
  const label = (key: ColumnKey) => header[key]?.label ?? columns.find((c) => c.key === key)?.label ?? key;

  const [universityRows, cohortRows, groupRows] = await Promise.all([
    db.select().from(universities),
    db.select().from(cohorts),
    db
      .select({
        id: groups.id,
        name: groups.name,
        universityId: groups.universityId,
        cohortId: groups.cohortId,
      })
      .from(groups),
  ]);
  const universityBy = new Map<string, (typeof universityRows)[number]>();
  for (const u of universityRows) for (const n of [u.slug, u.name, u.city]) universityBy.set(fold(n), u);
  const cohortBy = new Map<string, (typeof cohortRows)[number]>();
  for (const c of cohortRows) for (const n of [c.slug, c.name]) cohortBy.set(fold(n), c);
  const universityName = new Map(universityRows.map((u) => [u.id, u.name]));
  const cohortName = new Map(cohortRows.map((c) => [c.id, c.name]));
  const existingGroups = new Map(groupRows.map((g) => [groupKey(g.cohortId, g.name), g]));
  const knownUniversities = universityRows.map((u) => u.slug).join(', ');
  const knownCohorts = cohortRows.map((c) => c.slug).join(', ');

  // 1. Each row alone: fields present, address well formed, university and cohort known.
  const drafts: Draft[] = parsed.records.map((record) => {
    const cells = {} as Record<ColumnKey, string>;
    for (const key of ['email', 'name', 'university', 'cohort', 'group'] as ColumnKey[]) {
      const at = header[key];
      cells[key] = at ? (record.cells[at.index] ?? '').replace(/\s+/g, ' ') : '';
    }
    cells.email = cells.email.toLowerCase();
    const draft: Draft = { line: record.line, cells, issues: [] };
    const issue = (key: ColumnKey, code: ImportIssueCode, params: Record<string, string | number> = {}) =>
      draft.issues.push({ line: record.line, column: label(key), code, params });
    for (const column of columns)
      if (column.required && cells[column.key] === '')
        issue(column.key, 'missing-field', { column: label(column.key) });
    if (cells.email !== '') {
      if (cells.email.length > MAX_EMAIL)
        issue('email', 'too-long', { column: label('email'), max: MAX_EMAIL });
      else if (!EMAIL.test(cells.email)) issue('email', 'invalid-email', { value: cells.email });
    }
    if (cells.name.length > MAX_NAME) issue('name', 'too-long', { column: label('name'), max: MAX_NAME });
    if (cells.group.length > MAX_GROUP)
      issue('group', 'too-long', { column: label('group'), max: MAX_GROUP });
    if (cells.university !== '') {
      const university = universityBy.get(fold(cells.university));
      if (university) draft.universityId = university.id;
      else issue('university', 'unknown-university', { value: cells.university, known: knownUniversities });
    }
    if (cells.cohort !== '') {
      const cohort = cohortBy.get(fold(cells.cohort));
      if (cohort) draft.cohortId = cohort.id;
      else issue('cohort', 'unknown-cohort', { value: cells.cohort, known: knownCohorts });
    }
    return draft;
  });

  // 2. The same address twice in the file: both lines are reported.
  const firstLine = new Map<string, Draft>();
  for (const draft of drafts) {
    const email = draft.cells.email;
    if (email === '') continue;
    const first = firstLine.get(email);
    if (!first) {
      firstLine.set(email, draft);
      continue;
    }
    const column = label('email');
    first.issues.push({
      line: first.line,
      column,
      code: 'duplicate-in-file',
      params: { value: email, other: draft.line },
    });
    draft.issues.push({
      line: draft.line,
      column,
      code: 'duplicate-in-file',
      params: { value: email, other: first.line },
    });
  }

  // 3. The accounts the file names, as the database has them.
  const emails = drafts.filter((d) => d.issues.length === 0).map((d) => d.cells.email);
  const accounts = new Map<string, string>();
  for (const slice of slices(emails)) {
    const found = await db
      .select({ id: users.id, email: users.email })
      .from(users)
      .where(inArray(users.email, slice));
    for (const row of found) accounts.set(row.email, row.id);
  }
  const roles = new Map<
    string,
    Array<{
      id: string;
      role: string;
      groupId: string;
      universityId: string;
      cohortId: string;
      groupName: string;
    }>
  >();
  if (kind === 'assignments') {
    for (const slice of slices([...accounts.values()])) {
      const found = await db
        .select({
          id: memberships.id,
          userId: memberships.userId,
          role: memberships.role,
          groupId: groups.id,
          universityId: groups.universityId,
          cohortId: groups.cohortId,
          groupName: groups.name,
        })
        .from(memberships)
        .innerJoin(groups, eq(groups.id, memberships.groupId))
        .where(
          and(
            inArray(memberships.userId, slice),
            or(eq(memberships.role, 'student'), eq(memberships.role, 'tutor')),
          ),
        );
      for (const row of found) roles.set(row.userId, [...(roles.get(row.userId) ?? []), row]);
    }
  }

  // 4. The account, and the group: existing (of the row's university) or to create.
  const planned = new Map<string, PlannedGroup>();
  const rows: ValidRow[] = [];
  const preview: PreviewRow[] = [];
  for (const draft of drafts) {
    if (draft.issues.length > 0) continue;
    const { cells, line } = draft;
    const issue = (key: ColumnKey, code: ImportIssueCode, params: Record<string, string | number>) =>
      draft.issues.push({ line, column: label(key), code, params });
    const cohortId = draft.cohortId!;
    const key = groupKey(cohortId, cells.group);
    const existing = existingGroups.get(key);
    const userId = accounts.get(cells.email);
    let action: ImportAction = kind === 'tutors' ? 'create-tutor' : 'create-student';
    let membership: { id: string; groupId: string } | undefined;
    if (kind !== 'assignments') {
      if (userId) issue('email', 'already-exists', { value: cells.email });
    } else if (!userId) {
      issue('email', 'unknown-account', { value: cells.email });
    } else {
      const held = roles.get(userId) ?? [];
      // A learner of this cohort moves; otherwise a tutor is assigned (tutors are also learners of
      // their training cohort, which an assignment to a students' group does not touch).
      const learner = held.filter((m) => m.role === 'student' && m.cohortId === cohortId);
      const tutor = held.filter((m) => m.role === 'tutor');
      if (learner.length > 0) {
        action = 'move';
        const from = learner[0]!;
        membership = { id: from.id, groupId: from.groupId };
        draft.universityId ??= from.universityId;
        if (learner.some((m) => m.groupId === existing?.id))
          issue('group', 'already-in-group', { value: cells.email, group: existing!.name });
        // A learner stays in their university: a move goes to a group of the same one.
        else if (draft.universityId !== from.universityId)
          issue('group', 'group-other-university', {
            group: cells.group,
            university: universityName.get(draft.universityId) ?? '',
            expected: universityName.get(from.universityId) ?? '',
          });
      } else if (tutor.length > 0) {
        action = 'assign-tutor';
        if (tutor.some((m) => m.groupId === existing?.id))
          issue('group', 'already-in-group', { value: cells.email, group: existing!.name });
      } else issue('email', 'not-learner-or-tutor', { value: cells.email });
    }
    if (draft.issues.length > 0) continue;
    const universityId = existing && !draft.universityId ? existing.universityId : draft.universityId;
    if (existing && universityId !== existing.universityId)
      issue('group', 'group-other-university', {
        group: existing.name,
        university: universityName.get(existing.universityId) ?? '',
        expected: universityName.get(universityId!) ?? '',
      });
    const plannedGroup = planned.get(key);
    if (!existing && plannedGroup && plannedGroup.universityId !== universityId)
      issue('group', 'group-other-university', {
        group: plannedGroup.name,
        university: universityName.get(plannedGroup.universityId) ?? '',
        expected: universityName.get(universityId!) ?? '',
      });
    if (!existing && !universityId && draft.issues.length === 0)
      issue('university', 'unknown-group', { group: cells.group });
    if (draft.issues.length > 0) continue;
    if (!planned.has(key))
      planned.set(key, {
        key,
        id: existing?.id ?? null,
        name: existing?.name ?? cells.group,
        universityId: universityId!,
        cohortId,
      });
    rows.push({
      line,
      email: cells.email,
      name: cells.name,
      universityId: universityId!,
      cohortId,
      groupKey: key,
      action,
      ...(userId ? { userId } : {}),
      ...(membership ? { membershipId: membership.id, fromGroupId: membership.groupId } : {}),
    });
    if (preview.length < PREVIEW_ROWS)
      preview.push({
        line,
        email: cells.email,
        name: cells.name || null,
        university: universityName.get(universityId!) ?? '',
        cohort: cohortName.get(cohortId) ?? '',
        group: planned.get(key)!.name,
        action,
        newGroup: !existing,
      });
  }

  const errors = drafts.flatMap((d) => d.issues).sort((a, b) => a.line - b.line);
  const groupsToCreate = [...planned.values()]
    .filter((g) => g.id === null)
    .map((g) => ({
      name: g.name,
      university: universityName.get(g.universityId) ?? '',
      cohort: cohortName.get(g.cohortId) ?? '',
    }));
  return {
    report: { kind, rowsTotal: drafts.length, rowsValid: rows.length, errors, groupsToCreate, preview },
    rows,
    groups: planned,
  };
}
