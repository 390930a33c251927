import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { enrolments, exercises, lessons, moduleVersions, modules } from '../schema/index.ts';
import { oncePerDatabase } from './prepared.ts';

type Discipline = (typeof modules.$inferSelect)['disciplineId'];
/** Enrols users in a module (once each). */
export async function enrolUsers(
  db: Db,
  moduleId: string,
  userIds: string[],
  cohortId?: string,
): Promise<void> {
  if (userIds.length === 0) return;
  await db
    .insert(enrolments)
    .values(userIds.map((userId) => ({ userId, moduleId, cohortId: cohortId ?? null })))
    .onConflictDoNothing();
}

export interface EnrolledModuleRow {
  moduleId: string;
  slug: string;
  discipline: Discipline;
  versionId: string;
  version: number;
  title: string;
  summary: string;
  /** English title and summary, when written. */
  en: unknown;
}

const DISCIPLINE_ORDER = sql`case ${modules.disciplineId} when 'programming' then 1 when 'ai' then 2 when 'english' then 3 else 4 end`;

/** The modules a user is enrolled in, each at its latest published version. */
export async function listEnrolledModules(
  db: Db,
  userId: string,
  slug?: string,
): Promise<EnrolledModuleRow[]> {
  const latest = sql`(select v.id from ${moduleVersions} v where v.module_id = ${modules.id}
    and v.status = 'published' order by v.version desc limit 1)`;
  return db
    .select({
      moduleId: modules.id,
      slug: modules.slug,
      discipline: modules.disciplineId,
      versionId: moduleVersions.id,
      version: moduleVersions.version,
      title: moduleVersions.title,
      summary: moduleVersions.summary,
      en: moduleVersions.en,
    })
    .from(enrolments)
    .innerJoin(modules, eq(modules.id, enrolments.moduleId))
    .innerJoin(moduleVersions, eq(moduleVersions.id, latest))
    .where(and(eq(enrolments.userId, userId), slug === undefined ? undefined : eq(modules.slug, slug)))
    .orderBy(DISCIPLINE_ORDER, asc(moduleVersions.title));
}

export type ExerciseRow = typeof exercises.$inferSelect;
export type LessonRow = typeof lessons.$inferSelect;

/** The exercises of module versions, in module order. */
export async function listVersionExercises(db: Db, versionIds: string[]): Promise<ExerciseRow[]> {
  if (versionIds.length === 0) return [];
  return db
    .select()
    .from(exercises)
    .where(inArray(exercises.moduleVersionId, versionIds))
    .orderBy(asc(exercises.moduleVersionId), asc(exercises.position));
}

/** The lessons of module versions, in module order (bodies included). */
export async function listVersionLessons(db: Db, versionIds: string[]): Promise<LessonRow[]> {
  if (versionIds.length === 0) return [];
  return db
    .select()
    .from(lessons)
    .where(inArray(lessons.moduleVersionId, versionIds))
    .orderBy(asc(lessons.moduleVersionId), asc(lessons.position));
}

/** A version's lessons and exercises, in module order. */
interface VersionContent {
  lessons: readonly LessonRow[];
  exercises: readonly ExerciseRow[];
}

/** Versions whose content is kept, per database handle (the least recently read goes first). */
const FROZEN_CONTENT_KEPT = 64;
const frozenContent = oncePerDatabase(() => new Map<string, VersionContent>());

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

/**
 * The lessons and exercises of module versions, in module order. A published or archived version's
 * content never changes (the database's triggers refuse it), so it is read once per database handle
 * and kept, deeply frozen: a learner's module, lesson and exercise pages no longer read the whole
 * version each time. A version still in the studio is read every time.
 */
export async function listVersionContent(
  db: Db,
  versionIds: string[],
): Promise<{ lessons: LessonRow[]; exercises: ExerciseRow[] }> {
  const kept = frozenContent(db);
  // Module order: by version id, as listVersionLessons and listVersionExercises sort.
  const ids = [...new Set(versionIds)].sort();
  const found = new Map<string, VersionContent>();
  for (const id of ids) {
    const content = kept.get(id);
    if (!content) continue;
    // Read again: the most recently read stays longest.
    kept.delete(id);
    kept.set(id, content);
    found.set(id, content);
  }
  const missing = ids.filter((id) => !found.has(id));
  if (missing.length > 0) {
    const [lessonRows, exerciseRows, frozen] = await Promise.all([
      listVersionLessons(db, missing),
      listVersionExercises(db, missing),
      db
        .select({ id: moduleVersions.id })
        .from(moduleVersions)
        .where(
          and(inArray(moduleVersions.id, missing), inArray(moduleVersions.status, ['published', 'archived'])),
        ),
    ]);
    const keep = new Set(frozen.map((v) => v.id));
    for (const id of missing) {
      const content = {
        lessons: lessonRows.filter((l) => l.moduleVersionId === id),
        exercises: exerciseRows.filter((e) => e.moduleVersionId === id),
      };
      found.set(id, content);
      if (!keep.has(id)) continue;
      kept.set(id, deepFreeze(content));
      if (kept.size > FROZEN_CONTENT_KEPT) kept.delete(kept.keys().next().value!);
    }
  }
  const parts = ids.map((id) => found.get(id)!);
  return { lessons: parts.flatMap((p) => p.lessons), exercises: parts.flatMap((p) => p.exercises) };
}

export interface PlacedRow {
  moduleId: string;
  moduleSlug: string;
  moduleTitle: string;
  /** The version's English title and summary, when written. */
  moduleEn: unknown;
  versionId: string;
  versionStatus: (typeof moduleVersions.$inferSelect)['status'];
  enrolled: boolean;
}

/** Where a version sits (its module, status) and whether the user is enrolled in its module. */
function placement(userId: string) {
  return {
    moduleId: modules.id,
    moduleSlug: modules.slug,
    moduleTitle: moduleVersions.title,
    moduleEn: moduleVersions.en,
    versionId: moduleVersions.id,
    versionStatus: moduleVersions.status,
    enrolled: sql<boolean>`exists (select 1 from ${enrolments} e where e.module_id = ${modules.id}
      and e.user_id = ${userId})`,
  };
}

/** An exercise with its module, its version's status and whether the user is enrolled: one statement. */
export async function findExerciseFor(
  db: Db,
  exerciseId: string,
  userId: string,
): Promise<{ exercise: ExerciseRow; place: PlacedRow } | undefined> {
  const [found] = await db
    .select({ exercise: exercises, place: placement(userId) })
    .from(exercises)
    .innerJoin(moduleVersions, eq(moduleVersions.id, exercises.moduleVersionId))
    .innerJoin(modules, eq(modules.id, moduleVersions.moduleId))
    .where(eq(exercises.id, exerciseId))
    .limit(1);
  return found;
}

/** A lesson with its module, its version's status and whether the user is enrolled: one statement. */
export async function findLessonFor(
  db: Db,
  lessonId: string,
  userId: string,
): Promise<{ lesson: LessonRow; place: PlacedRow } | undefined> {
  const [found] = await db
    .select({ lesson: lessons, place: placement(userId) })
    .from(lessons)
    .innerJoin(moduleVersions, eq(moduleVersions.id, lessons.moduleVersionId))
    .innerJoin(modules, eq(modules.id, moduleVersions.moduleId))
    .where(eq(lessons.id, lessonId))
    .limit(1);
  return found;
}
