// The benchmark's own programme: the demo one, plus thousands of learners in groups of about
// seventeen with one tutor each, all enrolled in the programming module, each with a session.
import { createHash, randomBytes } from 'node:crypto';
import { enrolUsers, findPublishedModule, schema, seedDemoProgramme, type Db } from '@tremplin/db';
import { and, eq, inArray } from 'drizzle-orm';

/** The English exercise kinds a learner answers with one of the API's `Answer` shapes. */
const ANSWERABLE = new Set(['choice', 'cloze', 'ordering', 'matching', 'dictation', 'writing']);

export interface BenchPeople {
  exerciseIds: string[];
  /** With `english`: the English module's answerable exercises, its lessons, and both modules' slugs. */
  english: Array<{ id: string; kind: string }>;
  lessonIds: string[];
  /** With `coordinators`: their sessions. */
  coordinators: Array<{ id: string; token: string }>;
  groups: Array<{
    id: string;
    tutor: { id: string; token: string };
    students: Array<{ id: string; token: string }>;
  }>;
}

const CHUNK = 1000;

async function insertChunked<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) await insert(rows.slice(i, i + CHUNK));
}

const token = () => randomBytes(32).toString('base64url');
const sessionId = (t: string) => createHash('sha256').update(t).digest('hex');

/** Seeds `students` learners in `groups` groups; answers who they are and their session tokens. */
export async function seedBenchPeople(
  db: Db,
  {
    students,
    groups,
    english = false,
    coordinators = 0,
  }: { students: number; groups: number; english?: boolean; coordinators?: number },
): Promise<BenchPeople> {
  await seedDemoProgramme(db);
  const [university] = await db.select().from(schema.universities).limit(1);
  const [cohort] = await db.select().from(schema.cohorts).where(eq(schema.cohorts.kind, 'students')).limit(1);
  const [anyone] = await db.select({ hash: schema.users.passwordHash }).from(schema.users).limit(1);
  const module = await findPublishedModule(db, 'programmation-js');
  if (!university || !cohort || !anyone || !module) throw new Error('the demo programme is missing');
  const exerciseIds = (
    await db
      .select({ id: schema.exercises.id })
      .from(schema.exercises)
      .where(and(eq(schema.exercises.moduleVersionId, module.versionId), eq(schema.exercises.kind, 'code')))
  ).map((e) => e.id);

  const englishModule = english ? await findPublishedModule(db, 'anglais-technique') : undefined;
  if (english && !englishModule) throw new Error('the demo English module is missing');
  const englishExercises = englishModule
    ? await db
        .select({ id: schema.exercises.id, kind: schema.exercises.kind })
        .from(schema.exercises)
        .where(eq(schema.exercises.moduleVersionId, englishModule.versionId))
    : [];
  const lessonIds = (
    await db
      .select({ id: schema.lessons.id })
      .from(schema.lessons)
      .where(
        inArray(
          schema.lessons.moduleVersionId,
          [module.versionId, englishModule?.versionId].filter((id): id is string => Boolean(id)),
        ),
      )
  ).map((l) => l.id);

  const groupRows = await db
    .insert(schema.groups)
    .values(
      Array.from({ length: groups }, (_, i) => ({
        name: `Groupe banc ${i + 1}`,
        universityId: university.id,
        cohortId: cohort.id,
      })),
    )
    .returning({ id: schema.groups.id });
  const people = [
    ...Array.from({ length: groups }, (_, i) => ({
      email: `banc-tuteur${i + 1}@tremplin.test`,
      displayName: `Tuteur ${i + 1}`,
    })),
    ...Array.from({ length: students }, (_, i) => ({
      email: `banc-etudiant${i + 1}@tremplin.test`,
      displayName: `Étudiant ${i + 1}`,
    })),
    ...Array.from({ length: coordinators }, (_, i) => ({
      email: `banc-coordination${i + 1}@tremplin.test`,
      displayName: `Coordination ${i + 1}`,
    })),
  ];
  const ids: string[] = [];
  await insertChunked(people, async (chunk) => {
    const rows = await db
      .insert(schema.users)
      .values(chunk.map((p) => ({ ...p, passwordHash: anyone.hash })))
      .returning({ id: schema.users.id });
    ids.push(...rows.map((r) => r.id));
  });
  const tutorIds = ids.slice(0, groups);
  const studentIds = ids.slice(groups, groups + students);
  const result: BenchPeople = {
    exerciseIds,
    english: englishExercises.filter((e) => ANSWERABLE.has(e.kind)),
    lessonIds,
    groups: [],
    coordinators: [],
  };
  const memberships: Array<typeof schema.memberships.$inferInsert> = [];
  const sessions: Array<typeof schema.sessions.$inferInsert> = [];
  const expiresAt = new Date(Date.now() + 7 * 24 * 3_600_000);
  groupRows.forEach((group, g) => {
    const tutor = { id: tutorIds[g]!, token: token() };
    memberships.push({ userId: tutor.id, role: 'tutor', groupId: group.id });
    sessions.push({ id: sessionId(tutor.token), userId: tutor.id, expiresAt });
    result.groups.push({ id: group.id, tutor, students: [] });
  });
  studentIds.forEach((id, i) => {
    const group = result.groups[i % groups]!;
    const student = { id, token: token() };
    group.students.push(student);
    memberships.push({ userId: id, role: 'student', groupId: group.id });
    sessions.push({ id: sessionId(student.token), userId: id, expiresAt });
  });
  for (const id of ids.slice(groups + students)) {
    const coordinator = { id, token: token() };
    result.coordinators.push(coordinator);
    memberships.push({ userId: id, role: 'coordinator', groupId: null });
    sessions.push({ id: sessionId(coordinator.token), userId: id, expiresAt });
  }
  await insertChunked(memberships, (chunk) => db.insert(schema.memberships).values(chunk));
  await insertChunked(sessions, (chunk) => db.insert(schema.sessions).values(chunk));
  await insertChunked(studentIds, (chunk) => enrolUsers(db, module.moduleId, chunk, cohort.id));
  if (englishModule)
    await insertChunked(studentIds, (chunk) => enrolUsers(db, englishModule.moduleId, chunk, cohort.id));
  return result;
}
