import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { enrolments, exercises, lessons, moduleVersions, modules } from '../schema/index.ts';

type Discipline = (typeof modules.$inferSelect)['disciplineId'];
type ExerciseKind = (typeof exercises.$inferSelect)['kind'];

/** A module version as the content package describes it, ready to store. */
export interface ModuleVersionInput {
  slug: string;
  discipline: Discipline;
  title: string;
  summary: string;
  lessons: Array<{ slug: string; title: string; bodyMd: string }>;
  exercises: Array<{
    slug: string;
    title: string;
    lessonSlug?: string | undefined;
    kind: ExerciseKind;
    promptMd: string;
    hint?: string | undefined;
    maxScore: number;
    spec: unknown;
  }>;
}

/** Stores a new version of a module (creating the module on its first version); returns its ids. */
export async function insertModuleVersion(
  db: Db,
  input: ModuleVersionInput,
  options: { status: 'draft' | 'published'; authorId?: string | null; now?: Date },
): Promise<{ moduleId: string; versionId: string; version: number }> {
  return db.transaction(async (tx) => {
    const [existing] = await tx.select().from(modules).where(eq(modules.slug, input.slug)).limit(1);
    const module =
      existing ??
      (
        await tx
          .insert(modules)
          .values({ slug: input.slug, disciplineId: input.discipline, createdBy: options.authorId ?? null })
          .returning()
      )[0]!;
    const [last] = await tx
      .select({ version: moduleVersions.version })
      .from(moduleVersions)
      .where(eq(moduleVersions.moduleId, module.id))
      .orderBy(desc(moduleVersions.version))
      .limit(1);
    const published = options.status === 'published';
    const [version] = await tx
      .insert(moduleVersions)
      .values({
        moduleId: module.id,
        version: (last?.version ?? 0) + 1,
        status: options.status,
        title: input.title,
        summary: input.summary,
        publishedAt: published ? (options.now ?? new Date()) : null,
        publishedBy: published ? (options.authorId ?? null) : null,
      })
      .returning();
    const lessonRows =
      input.lessons.length === 0
        ? []
        : await tx
            .insert(lessons)
            .values(
              input.lessons.map((l, i) => ({
                moduleVersionId: version!.id,
                position: i + 1,
                slug: l.slug,
                title: l.title,
                bodyMd: l.bodyMd,
              })),
            )
            .returning({ id: lessons.id, slug: lessons.slug });
    const lessonId = new Map(lessonRows.map((l) => [l.slug, l.id]));
    if (input.exercises.length > 0) {
      await tx.insert(exercises).values(
        input.exercises.map((e, i) => ({
          moduleVersionId: version!.id,
          lessonId: e.lessonSlug ? (lessonId.get(e.lessonSlug) ?? null) : null,
          position: i + 1,
          slug: e.slug,
          kind: e.kind,
          title: e.title,
          promptMd: e.promptMd,
          hint: e.hint ?? null,
          spec: e.spec,
          maxScore: e.maxScore,
        })),
      );
    }
    return { moduleId: module.id, versionId: version!.id, version: version!.version };
  });
}

export async function setModuleVersionStatus(
  db: Db,
  versionId: string,
  status: 'draft' | 'published' | 'archived',
): Promise<void> {
  await db.update(moduleVersions).set({ status }).where(eq(moduleVersions.id, versionId));
}

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

export interface PlacedRow {
  moduleId: string;
  moduleSlug: string;
  moduleTitle: string;
  versionId: string;
  versionStatus: 'draft' | 'published' | 'archived';
  enrolled: boolean;
}

function placement(db: Db, userId: string) {
  return db
    .select({
      moduleId: modules.id,
      moduleSlug: modules.slug,
      moduleTitle: moduleVersions.title,
      versionId: moduleVersions.id,
      versionStatus: moduleVersions.status,
      enrolled: sql<boolean>`exists (select 1 from ${enrolments} e where e.module_id = ${modules.id}
        and e.user_id = ${userId})`,
    })
    .from(moduleVersions)
    .innerJoin(modules, eq(modules.id, moduleVersions.moduleId));
}

/** An exercise with its module, its version's status and whether the user is enrolled. */
export async function findExerciseFor(
  db: Db,
  exerciseId: string,
  userId: string,
): Promise<{ exercise: ExerciseRow; place: PlacedRow } | undefined> {
  const [exercise] = await db.select().from(exercises).where(eq(exercises.id, exerciseId)).limit(1);
  if (!exercise) return undefined;
  const [place] = await placement(db, userId).where(eq(moduleVersions.id, exercise.moduleVersionId)).limit(1);
  return place ? { exercise, place } : undefined;
}

/** A lesson with its module, its version's status and whether the user is enrolled. */
export async function findLessonFor(
  db: Db,
  lessonId: string,
  userId: string,
): Promise<{ lesson: LessonRow; place: PlacedRow } | undefined> {
  const [lesson] = await db.select().from(lessons).where(eq(lessons.id, lessonId)).limit(1);
  if (!lesson) return undefined;
  const [place] = await placement(db, userId).where(eq(moduleVersions.id, lesson.moduleVersionId)).limit(1);
  return place ? { lesson, place } : undefined;
}
