// Module versions as the studio writes them: a draft's content (jsonb, saved with a revision check),
// each step of its life recorded as an event, and publication, which materialises the lessons and
// exercises the student path reads. Once published, a trigger keeps all of it as it is.
import { contentHash, exerciseHash, type ModuleDefinition } from '@tremplin/content';
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import {
  exercises,
  lessons,
  moduleVersionEvents,
  moduleVersions,
  modules,
  submissions,
  users,
  type VersionStatus,
} from '../schema/index.ts';

export type ModuleRow = typeof modules.$inferSelect;
export type VersionRow = typeof moduleVersions.$inferSelect;
export type { VersionStatus };

/** Whether an error (or its cause) is a unique violation, optionally of one constraint. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 5; depth++) {
    const { code, constraint_name, constraint: name } = e as Record<string, unknown>;
    if (code === '23505') return !constraint || constraint_name === constraint || name === constraint;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

export async function findModuleBySlug(db: Db, slug: string): Promise<ModuleRow | undefined> {
  const [row] = await db.select().from(modules).where(eq(modules.slug, slug)).limit(1);
  return row;
}

/** Every module, oldest first. */
export async function listModules(db: Db): Promise<ModuleRow[]> {
  return db.select().from(modules).orderBy(asc(modules.createdAt), asc(modules.slug));
}

export type VersionWithEditor = VersionRow & { updatedByName: string | null };

/** The versions of modules, newest first within each, with the display name of their last editor. */
export async function listVersions(db: Db, moduleIds: string[]): Promise<VersionWithEditor[]> {
  if (moduleIds.length === 0) return [];
  const rows = await db
    .select({ version: moduleVersions, updatedByName: users.displayName })
    .from(moduleVersions)
    .leftJoin(users, eq(users.id, moduleVersions.updatedBy))
    .where(inArray(moduleVersions.moduleId, moduleIds))
    .orderBy(asc(moduleVersions.moduleId), desc(moduleVersions.version));
  return rows.map((r) => ({ ...r.version, updatedByName: r.updatedByName }));
}

export async function findVersion(
  db: Db,
  moduleId: string,
  version: number,
): Promise<VersionWithEditor | undefined> {
  const [row] = await db
    .select({ version: moduleVersions, updatedByName: users.displayName })
    .from(moduleVersions)
    .leftJoin(users, eq(users.id, moduleVersions.updatedBy))
    .where(and(eq(moduleVersions.moduleId, moduleId), eq(moduleVersions.version, version)))
    .limit(1);
  return row ? { ...row.version, updatedByName: row.updatedByName } : undefined;
}

/** The version being written (draft or in review), if any. */
export async function findOpenVersion(db: Db, moduleId: string): Promise<VersionWithEditor | undefined> {
  const [row] = await db
    .select({ version: moduleVersions, updatedByName: users.displayName })
    .from(moduleVersions)
    .leftJoin(users, eq(users.id, moduleVersions.updatedBy))
    .where(and(eq(moduleVersions.moduleId, moduleId), inArray(moduleVersions.status, ['draft', 'in_review'])))
    .limit(1);
  return row ? { ...row.version, updatedByName: row.updatedByName } : undefined;
}

/** The newest published version of a module. */
export async function findLatestPublished(db: Db, moduleId: string): Promise<VersionRow | undefined> {
  const [row] = await db
    .select()
    .from(moduleVersions)
    .where(and(eq(moduleVersions.moduleId, moduleId), eq(moduleVersions.status, 'published')))
    .orderBy(desc(moduleVersions.version))
    .limit(1);
  return row;
}

export interface VersionEventRow {
  version: number;
  fromStatus: VersionStatus | null;
  toStatus: VersionStatus;
  actorName: string | null;
  at: Date;
  note: string | null;
}

/** The life of a module's versions, oldest first. */
export async function listVersionEvents(db: Db, moduleId: string): Promise<VersionEventRow[]> {
  return db
    .select({
      version: moduleVersions.version,
      fromStatus: moduleVersionEvents.fromStatus,
      toStatus: moduleVersionEvents.toStatus,
      actorName: users.displayName,
      at: moduleVersionEvents.at,
      note: moduleVersionEvents.note,
    })
    .from(moduleVersionEvents)
    .innerJoin(moduleVersions, eq(moduleVersions.id, moduleVersionEvents.versionId))
    .leftJoin(users, eq(users.id, moduleVersionEvents.actorId))
    .where(eq(moduleVersions.moduleId, moduleId))
    .orderBy(asc(moduleVersionEvents.at), asc(moduleVersions.version));
}

interface Actor {
  actorId: string | null;
  now?: Date;
}

/** The columns of a version row that mirror its definition's texts. */
function headerOf(def: Pick<ModuleDefinition, 'title' | 'summary' | 'en'> | Record<string, unknown>) {
  const d = def as Partial<ModuleDefinition>;
  return {
    title: typeof d.title === 'string' && d.title !== '' ? d.title : '(sans titre)',
    summary: typeof d.summary === 'string' ? d.summary : '',
    en: d.en ?? null,
  };
}

/**
 * Creates a module and its draft v1 holding `content`; undefined when the slug is taken. The
 * discipline must exist (the migration inserts the programme's four).
 */
export async function createModuleWithDraft(
  db: Db,
  input: { slug: string; discipline: ModuleRow['disciplineId']; content: ModuleDefinition } & Actor,
): Promise<{ module: ModuleRow; version: VersionRow } | undefined> {
  const now = input.now ?? new Date();
  try {
    return await db.transaction(async (tx) => {
      const [module] = await tx
        .insert(modules)
        .values({
          slug: input.slug,
          disciplineId: input.discipline,
          createdBy: input.actorId,
          createdAt: now,
        })
        .returning();
      const [version] = await tx
        .insert(moduleVersions)
        .values({
          moduleId: module!.id,
          version: 1,
          status: 'draft',
          ...headerOf(input.content),
          content: input.content,
          updatedAt: now,
          updatedBy: input.actorId,
          createdAt: now,
        })
        .returning();
      await tx.insert(moduleVersionEvents).values({
        versionId: version!.id,
        fromStatus: null,
        toStatus: 'draft',
        actorId: input.actorId,
        at: now,
      });
      return { module: module!, version: version! };
    });
  } catch (error) {
    if (isUniqueViolation(error)) return undefined;
    throw error;
  }
}

/**
 * Opens a new draft of a module holding `content` (the next version number); undefined when a
 * version is already being written (draft or in review).
 */
export async function openDraftVersion(
  db: Db,
  moduleId: string,
  input: { content: ModuleDefinition | Record<string, unknown> } & Actor,
): Promise<VersionRow | undefined> {
  const now = input.now ?? new Date();
  try {
    return await db.transaction(async (tx) => {
      const [last] = await tx
        .select({ version: moduleVersions.version })
        .from(moduleVersions)
        .where(eq(moduleVersions.moduleId, moduleId))
        .orderBy(desc(moduleVersions.version))
        .limit(1);
      const [version] = await tx
        .insert(moduleVersions)
        .values({
          moduleId,
          version: (last?.version ?? 0) + 1,
          status: 'draft',
          ...headerOf(input.content),
          content: input.content,
          updatedAt: now,
          updatedBy: input.actorId,
          createdAt: now,
        })
        .returning();
      await tx.insert(moduleVersionEvents).values({
        versionId: version!.id,
        fromStatus: null,
        toStatus: 'draft',
        actorId: input.actorId,
        at: now,
      });
      return version!;
    });
  } catch (error) {
    if (isUniqueViolation(error)) return undefined;
    throw error;
  }
}

/**
 * Saves a draft's content if nobody saved since `revision` (one atomic UPDATE … WHERE revision = $):
 * answers the new revision, or undefined when the revision is stale or the version no longer a draft.
 */
export async function saveDraftContent(
  db: Db,
  versionId: string,
  input: { revision: number; content: unknown } & Actor,
): Promise<{ revision: number; updatedAt: Date } | undefined> {
  const now = input.now ?? new Date();
  const [row] = await db
    .update(moduleVersions)
    .set({
      ...headerOf((input.content ?? {}) as Record<string, unknown>),
      content: input.content,
      revision: sql`${moduleVersions.revision} + 1`,
      updatedAt: now,
      updatedBy: input.actorId,
    })
    .where(
      and(
        eq(moduleVersions.id, versionId),
        eq(moduleVersions.revision, input.revision),
        eq(moduleVersions.status, 'draft'),
      ),
    )
    .returning({ revision: moduleVersions.revision, updatedAt: moduleVersions.updatedAt });
  return row;
}

/**
 * Moves a version from one status to another and records the step; undefined when it was not in
 * `from` any more (another author acted first).
 */
export async function transitionVersion(
  db: Db,
  versionId: string,
  from: VersionStatus,
  to: Exclude<VersionStatus, 'published'>,
  input: { note?: string | null } & Actor,
): Promise<VersionRow | undefined> {
  const now = input.now ?? new Date();
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(moduleVersions)
      .set({
        status: to,
        ...(to === 'archived'
          ? { archivedAt: now, archivedBy: input.actorId }
          : { updatedAt: now, updatedBy: input.actorId }),
      })
      .where(and(eq(moduleVersions.id, versionId), eq(moduleVersions.status, from)))
      .returning();
    if (!row) return undefined;
    await tx.insert(moduleVersionEvents).values({
      versionId,
      fromStatus: from,
      toStatus: to,
      actorId: input.actorId,
      at: now,
      note: input.note ?? null,
    });
    return row;
  });
}

/** sha256 of the whole definition and of each exercise's grading (kind and spec), as stored. */
export function hashesOf(def: ModuleDefinition): { content: string; exercises: Map<string, string> } {
  return {
    content: contentHash(def),
    exercises: new Map(def.exercises.map((e) => [e.slug, exerciseHash(e)])),
  };
}

/**
 * Publishes a version being written (status `from`) with its validated definition: the lessons and
 * exercises rows the student path reads, the content hash, the change note and the event. Must run
 * before the status changes: the trigger refuses rows added to a published version.
 * Undefined when the version was not in `from` any more.
 */
export async function publishVersion(
  db: Db,
  versionId: string,
  from: 'draft' | 'in_review',
  input: { content: ModuleDefinition; note: string } & Actor,
): Promise<VersionRow | undefined> {
  const now = input.now ?? new Date();
  const def = input.content;
  const hashes = hashesOf(def);
  return db.transaction(async (tx) => {
    // Locks the row: two publications of one draft cannot both materialise it.
    const [current] = await tx
      .select({ status: moduleVersions.status })
      .from(moduleVersions)
      .where(eq(moduleVersions.id, versionId))
      .for('update');
    if (current?.status !== from) return undefined;
    await tx.delete(exercises).where(eq(exercises.moduleVersionId, versionId));
    await tx.delete(lessons).where(eq(lessons.moduleVersionId, versionId));
    const lessonRows =
      def.lessons.length === 0
        ? []
        : await tx
            .insert(lessons)
            .values(
              def.lessons.map((l, i) => ({
                moduleVersionId: versionId,
                position: i + 1,
                slug: l.slug,
                title: l.title,
                bodyMd: l.body,
                en: l.en,
                prerequisites: l.prerequisites ?? [],
                estimatedMinutes: l.estimatedMinutes ?? null,
              })),
            )
            .returning({ id: lessons.id, slug: lessons.slug });
    const lessonId = new Map(lessonRows.map((l) => [l.slug, l.id]));
    if (def.exercises.length > 0) {
      await tx.insert(exercises).values(
        def.exercises.map((e, i) => ({
          moduleVersionId: versionId,
          lessonId: e.lesson ? (lessonId.get(e.lesson) ?? null) : null,
          position: i + 1,
          slug: e.slug,
          kind: e.kind,
          title: e.title,
          promptMd: e.prompt,
          hint: e.hints[0] ?? null,
          hints: e.hints,
          en: e.en,
          spec: e.spec,
          maxScore: e.maxScore,
          estimatedMinutes: e.estimatedMinutes ?? null,
          contentHash: hashes.exercises.get(e.slug) ?? null,
        })),
      );
    }
    const [row] = await tx
      .update(moduleVersions)
      .set({
        status: 'published',
        ...headerOf(def),
        content: def,
        contentHash: hashes.content,
        changeNote: input.note,
        publishedAt: now,
        publishedBy: input.actorId,
        updatedAt: now,
        updatedBy: input.actorId,
      })
      .where(eq(moduleVersions.id, versionId))
      .returning();
    await tx.insert(moduleVersionEvents).values({
      versionId,
      fromStatus: from,
      toStatus: 'published',
      actorId: input.actorId,
      at: now,
      note: input.note,
    });
    return row;
  });
}

/** Thrown by publishModule when the module has a version being written in the studio. */
export class OpenVersionError extends Error {
  readonly version: number;
  readonly status: VersionStatus;

  constructor(slug: string, version: number, status: VersionStatus) {
    super(`module "${slug}" has version ${version} ${status} in the studio: publish or return it first`);
    this.name = 'OpenVersionError';
    this.version = version;
    this.status = status;
  }
}

/**
 * Publishes a validated definition as the module's next version in one transaction (the module is
 * created on its first): the path of the seed and of `pnpm content publish`. Refuses (OpenVersionError)
 * while the studio has a version of the module being written.
 */
export async function publishModule(
  db: Db,
  def: ModuleDefinition,
  input: { note: string } & Actor,
): Promise<{ moduleId: string; versionId: string; version: number; contentHash: string }> {
  const now = input.now ?? new Date();
  return db.transaction(async (tx) => {
    let module = await findModuleBySlug(tx, def.slug);
    if (!module) {
      [module] = await tx
        .insert(modules)
        .values({ slug: def.slug, disciplineId: def.discipline, createdBy: input.actorId, createdAt: now })
        .returning();
    }
    const open = await findOpenVersion(tx, module!.id);
    if (open) throw new OpenVersionError(def.slug, open.version, open.status);
    const draft = await openDraftVersion(tx, module!.id, { content: def, actorId: input.actorId, now });
    if (!draft) throw new Error(`module "${def.slug}": a draft appeared while publishing`);
    const published = await publishVersion(tx, draft.id, 'draft', { ...input, content: def, now });
    return {
      moduleId: module!.id,
      versionId: draft.id,
      version: draft.version,
      contentHash: published!.contentHash!,
    };
  });
}

export interface SlugWorkRow {
  moduleId: string;
  slug: string;
  /** The best graded score over every version's row of the exercise. */
  bestScore: number | null;
  attempts: number;
  /** The content hashes of the exercise rows the learner solved in full (empty: never solved). */
  solvedHashes: string[];
}

/**
 * A learner's work on modules' exercises across all their versions, matched by exercise slug:
 * best graded score, submissions, and the content hashes of the rows they solved in full.
 */
export async function listWorkBySlug(db: Db, userId: string, moduleIds: string[]): Promise<SlugWorkRow[]> {
  if (moduleIds.length === 0) return [];
  const graded = sql`${submissions.status} = 'graded'`;
  const rows = await db
    .select({
      moduleId: moduleVersions.moduleId,
      slug: exercises.slug,
      bestScore: sql<number | null>`(max(${submissions.score}) filter (where ${graded}))::float8`,
      attempts: sql<number>`count(*)::int`,
      solvedHashes: sql<Array<string | null>>`coalesce(jsonb_agg(distinct ${exercises.contentHash})
        filter (where ${graded} and ${submissions.score} >= ${submissions.maxScore}), '[]'::jsonb)`,
    })
    .from(submissions)
    .innerJoin(exercises, eq(exercises.id, submissions.exerciseId))
    .innerJoin(moduleVersions, eq(moduleVersions.id, exercises.moduleVersionId))
    .where(and(eq(submissions.userId, userId), inArray(moduleVersions.moduleId, moduleIds)))
    .groupBy(moduleVersions.moduleId, exercises.slug);
  return rows.map((r) => ({
    ...r,
    bestScore: r.bestScore === null ? null : Number(r.bestScore),
    solvedHashes: (typeof r.solvedHashes === 'string'
      ? (JSON.parse(r.solvedHashes) as unknown[])
      : r.solvedHashes
    ).filter((h): h is string => typeof h === 'string'),
  }));
}
