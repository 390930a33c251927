// The benchmark's own programme: the demo one, plus thousands of learners in groups of about
// seventeen with one tutor each, all enrolled in the programming module, each with a session.
// With `history`, the learners are the programme's of `pnpm db:seed:programme` instead, with the
// months of work behind them that a peak hour in the middle of the year meets, and the database is
// analysed as a running one is.
import { createHash, randomBytes } from 'node:crypto';
import {
  enrolUsers,
  findPublishedModule,
  FULL_PROGRAMME,
  rowsOf,
  schema,
  seedDemoProgramme,
  seedProgramme,
  type Db,
  type ProgrammeSize,
} from '@tremplin/db';
import { and, eq, inArray, sql } from 'drizzle-orm';

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

/** The history behind each learner: `ProgrammeSize`'s per-learner figures and its days. */
export type BenchHistory = Omit<ProgrammeSize, 'students' | 'groups' | 'slice'>;

/** Half a year of the full programme's pace: the middle of the year. */
export const HALF_YEAR: BenchHistory = {
  days: 180,
  submissionsPerLearner: FULL_PROGRAMME.submissionsPerLearner / 2,
  runsPerLearner: FULL_PROGRAMME.runsPerLearner / 2,
  activityPerLearner: FULL_PROGRAMME.activityPerLearner / 2,
  helpRequestsPerLearner: FULL_PROGRAMME.helpRequestsPerLearner / 2,
  messagesPerLearner: FULL_PROGRAMME.messagesPerLearner / 2,
};

/** A group of the benchmark: its tutor and its students. */
interface Roster {
  groupId: string;
  tutorId: string;
  studentIds: string[];
}

/** Seeds `students` learners in `groups` groups; answers who they are and their session tokens. */
export async function seedBenchPeople(
  db: Db,
  {
    students,
    groups,
    english = false,
    coordinators = 0,
    history,
    log = () => {},
  }: {
    students: number;
    groups: number;
    english?: boolean;
    coordinators?: number;
    history?: BenchHistory;
    log?: (line: string) => void;
  },
): Promise<BenchPeople> {
  await seedDemoProgramme(db);
  const [cohort] = await db.select().from(schema.cohorts).where(eq(schema.cohorts.kind, 'students')).limit(1);
  const [anyone] = await db.select({ hash: schema.users.passwordHash }).from(schema.users).limit(1);
  const module = await findPublishedModule(db, 'programmation-js');
  if (!cohort || !anyone || !module) throw new Error('the demo programme is missing');
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

  const rosters = history
    ? await programmeRosters(db, { ...history, students, groups, slice: 1_000 }, log)
    : await insertRosters(db, { students, groups, cohortId: cohort.id, passwordHash: anyone.hash });
  const coordinatorIds = (
    coordinators === 0
      ? []
      : await db
          .insert(schema.users)
          .values(
            Array.from({ length: coordinators }, (_, i) => ({
              email: `banc-coordination${i + 1}@tremplin.test`,
              displayName: `Coordination ${i + 1}`,
              passwordHash: anyone.hash,
            })),
          )
          .returning({ id: schema.users.id })
  ).map((r) => r.id);

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
  const withSession = (id: string) => {
    const person = { id, token: token() };
    sessions.push({ id: sessionId(person.token), userId: id, expiresAt });
    return person;
  };
  for (const roster of rosters) {
    result.groups.push({
      id: roster.groupId,
      tutor: withSession(roster.tutorId),
      students: roster.studentIds.map(withSession),
    });
  }
  for (const id of coordinatorIds) {
    result.coordinators.push(withSession(id));
    memberships.push({ userId: id, role: 'coordinator', groupId: null });
  }
  await insertChunked(memberships, (chunk) => db.insert(schema.memberships).values(chunk));
  await insertChunked(sessions, (chunk) => db.insert(schema.sessions).values(chunk));
  if (!history) {
    const studentIds = rosters.flatMap((r) => r.studentIds);
    await insertChunked(studentIds, (chunk) => enrolUsers(db, module.moduleId, chunk, cohort.id));
    if (englishModule)
      await insertChunked(studentIds, (chunk) => enrolUsers(db, englishModule.moduleId, chunk, cohort.id));
  } else {
    // The sessions and coordinators came after the programme's analyse: a running database's
    // statistics know them too.
    await db.execute(sql`analyze`);
  }
  return result;
}

/** Groups of the benchmark's own: one tutor each, students dealt out in turn, no history. */
async function insertRosters(
  db: Db,
  {
    students,
    groups,
    cohortId,
    passwordHash,
  }: { students: number; groups: number; cohortId: string; passwordHash: string },
): Promise<Roster[]> {
  const [university] = await db.select().from(schema.universities).limit(1);
  if (!university) throw new Error('the demo programme is missing');
  const groupRows = await db
    .insert(schema.groups)
    .values(
      Array.from({ length: groups }, (_, i) => ({
        name: `Groupe banc ${i + 1}`,
        universityId: university.id,
        cohortId,
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
  ];
  const ids: string[] = [];
  await insertChunked(people, async (chunk) => {
    const rows = await db
      .insert(schema.users)
      .values(chunk.map((p) => ({ ...p, passwordHash })))
      .returning({ id: schema.users.id });
    ids.push(...rows.map((r) => r.id));
  });
  const rosters: Roster[] = groupRows.map((group, g) => ({
    groupId: group.id,
    tutorId: ids[g]!,
    studentIds: [],
  }));
  ids.slice(groups).forEach((id, i) => rosters[i % groups]!.studentIds.push(id));
  const memberships: Array<typeof schema.memberships.$inferInsert> = rosters.flatMap((r) => [
    { userId: r.tutorId, role: 'tutor' as const, groupId: r.groupId },
    ...r.studentIds.map((userId) => ({ userId, role: 'student' as const, groupId: r.groupId })),
  ]);
  await insertChunked(memberships, (chunk) => db.insert(schema.memberships).values(chunk));
  return rosters;
}

/** The programme of `pnpm db:seed:programme` at this size and history, read back group by group. */
async function programmeRosters(db: Db, size: ProgrammeSize, log: (line: string) => void): Promise<Roster[]> {
  await seedProgramme(db, size, log);
  return rowsOf<Roster>(
    db,
    sql`select g.id as "groupId", t.user_id as "tutorId",
        array_agg(s.user_id::text order by s.user_id) as "studentIds"
      from groups g
      join memberships t on t.group_id = g.id and t.role = 'tutor'
      join memberships s on s.group_id = g.id and s.role = 'student'
      where g.name like 'Groupe P%'
      group by g.id, g.name, t.user_id
      order by g.name`,
  );
}
