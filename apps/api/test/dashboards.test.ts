// The dashboard, the gradebook and the learner report against hand-computed figures: the demo
// programme plus a few submissions, help requests, a live session and a message inserted here.
import { findUserByEmail, listAllGroups, saveSharedResult, schema } from '@tremplin/db';
import { and, desc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, demoExercise, signIn, type TestApp } from './helper.ts';

let t: TestApp;
const cookie = new Map<string, string>();
let lome = '';
let kara = '';
let moduleSlug = '';
let moduleId = '';
let exercisesInModule = 0;
let maxScore = 0;
let licenceModules = 0;
const ids: Record<string, string> = {};
const MIN = 60_000;

async function userId(email: string) {
  return (await findUserByEmail(t.database.db, email))!.id;
}

beforeAll(async () => {
  t = await buildTestApp();
  for (const email of ['coordination', 'tuteur1', 'tuteur2', 'etudiant1']) {
    cookie.set(email, await signIn(t.app, `${email}@tremplin.test`));
  }
  const groups = await listAllGroups(t.database.db);
  lome = groups.find((g) => g.name === 'Groupe Lomé 1')!.id;
  kara = groups.find((g) => g.name === 'Groupe Kara 1')!.id;
  for (const who of ['etudiant1', 'etudiant2', 'etudiant3', 'tuteur1'])
    ids[who] = await userId(`${who}@tremplin.test`);

  const somme = await demoExercise(t.database, 'somme');
  maxScore = somme.maxScore;
  const [exercise] = await t.database.db
    .select()
    .from(schema.exercises)
    .where(eq(schema.exercises.id, somme.id));
  const [version] = await t.database.db
    .select()
    .from(schema.moduleVersions)
    .where(eq(schema.moduleVersions.id, exercise!.moduleVersionId));
  moduleId = version!.moduleId;
  moduleSlug = (await t.database.db.select().from(schema.modules).where(eq(schema.modules.id, moduleId)))[0]!
    .slug;
  exercisesInModule = (
    await t.database.db
      .select()
      .from(schema.exercises)
      .where(eq(schema.exercises.moduleVersionId, version!.id))
  ).length;
  licenceModules = (
    await t.database.db.select().from(schema.enrolments).where(eq(schema.enrolments.userId, ids.etudiant1!))
  ).length;

  const graded = (userId: string, score: number, minutesAgo: number) => ({
    userId,
    exerciseId: somme.id,
    moduleVersionId: version!.id,
    kind: 'code' as const,
    code: 'x',
    status: 'graded' as const,
    score,
    maxScore,
    createdAt: new Date(Date.now() - minutesAgo * MIN),
    gradedAt: new Date(Date.now() - minutesAgo * MIN),
  });
  // etudiant1: full marks after a miss; etudiant2: three misses (failing most attempts).
  await t.database.db
    .insert(schema.submissions)
    .values([
      graded(ids.etudiant1!, 0, 30),
      graded(ids.etudiant1!, maxScore, 20),
      graded(ids.etudiant2!, 0, 30),
      graded(ids.etudiant2!, 0, 20),
    ]);
  // One graded later, on its own (the update path of the trigger): queued, then graded.
  const [late] = await t.database.db
    .insert(schema.submissions)
    .values({ ...graded(ids.etudiant2!, 0, 10), status: 'queued', score: null })
    .returning();
  await t.database.db
    .update(schema.submissions)
    .set({ status: 'graded', score: 0, gradedAt: new Date() })
    .where(eq(schema.submissions.id, late!.id));

  // Tutor 1: a live session, two help requests answered in 2 and 5 minutes, a message to etudiant1.
  await t.database.db
    .insert(schema.liveSessions)
    .values({ groupId: lome, tutorId: ids.tuteur1!, title: 'Révisions' });
  const now = Date.now();
  await t.database.db.insert(schema.helpRequests).values([
    {
      userId: ids.etudiant3!,
      groupId: lome,
      status: 'resolved',
      takenBy: ids.tuteur1!,
      createdAt: new Date(now - 60 * MIN),
      takenAt: new Date(now - 58 * MIN),
    },
    {
      userId: ids.etudiant3!,
      groupId: lome,
      status: 'resolved',
      takenBy: ids.tuteur1!,
      createdAt: new Date(now - 30 * MIN),
      takenAt: new Date(now - 25 * MIN),
    },
  ]);
  await t.database.db
    .insert(schema.tutorMessages)
    .values({ groupId: lome, senderId: ids.tuteur1!, recipientId: ids.etudiant1!, body: 'Bravo !' });
});

afterAll(async () => {
  await t.close();
});

const get = (who: string, url: string) => t.app.inject({ url, headers: { cookie: cookie.get(who)! } });
/** The coordination sets Lomé's deadline for the module (null: none). */
const deadline = (dueAt: string | null) =>
  t.app.inject({
    method: 'PUT',
    url: `/api/programme/groups/${lome}/modules/${moduleId}`,
    headers: { cookie: cookie.get('coordination')! },
    payload: { dueAt },
  });

describe('the coordination dashboard', () => {
  it('gives figures equal to the hand-computed ones', async () => {
    const res = await get('coordination', '/api/dashboard');
    expect(res.statusCode).toBe(200);
    const d = res.json();
    expect(d.scope).toBe('programme');
    const group = d.groups.find((g: { id: string }) => g.id === lome);
    // 17 learners × the Licence modules; etudiant1 passed 1 exercise of the module.
    expect(group.learners).toBe(17);
    expect(group.enrolments).toBe(17 * licenceModules);
    expect(group.completion).toBe(
      Math.round((1 / exercisesInModule / (17 * licenceModules)) * 10_000) / 10_000,
    );
    // Best scores over marks of what was attempted: (max + 0) / (max + max).
    expect(group.averageScore).toBe(0.5);
    expect(group.activeThisWeek).toBe(2);
    expect(group.inactive7Days).toBe(15);
    expect(group.tutors).toEqual(['Kodjo Amenyo']);
    const karaRow = d.groups.find((g: { id: string }) => g.id === kara);
    expect(karaRow).toMatchObject({ learners: 17, completion: 0, averageScore: null, activeThisWeek: 0 });

    // 36 learners in all: 34 students and the 2 tutors in training.
    expect(d.overall.learners).toBe(36);
    expect(d.overall.activeThisWeek).toBe(2);
    expect(d.overall.inactive7Days).toBe(34);
    // The inactive ones and etudiant2, active but failing every attempt.
    expect(d.overall.atRisk).toBe(35);
    const failing = d.atRisk.find((l: { id: string }) => l.id === ids.etudiant2);
    expect(failing).toMatchObject({
      inactive: false,
      failingModules: [moduleSlug],
      tutorName: 'Kodjo Amenyo',
    });
    expect(d.atRisk.some((l: { id: string }) => l.id === ids.etudiant1)).toBe(false);

    const tutor = d.tutors.find((x: { id: string }) => x.id === ids.tuteur1);
    expect(tutor).toMatchObject({
      groups: 1,
      learners: 17,
      liveSessions: 1,
      helpAnswered: 2,
      medianResponseSeconds: 210,
      feedbackGiven: 1,
      // etudiant1 got a message and etudiant3 had help: 15 without contact.
      learnersWithoutContact: 15,
    });
    expect(d.weeklyActivity).toHaveLength(12);
    expect(d.weeklyActivity.at(-1).learners).toBe(2);
    expect(d.byUniversity.map((u: { learners: number }) => u.learners).sort()).toEqual([17, 19]);
    expect(d.byTutor.find((x: { id: string }) => x.id === ids.tuteur1)).toMatchObject({
      learners: 17,
      averageScore: 0.5,
    });
  });

  it('filters by university and discipline', async () => {
    const all = (await get('coordination', '/api/dashboard')).json();
    const lomeUniversity = all.filters.universities.find((u: { name: string }) => /Lomé/.test(u.name)).id;
    const d = (await get('coordination', `/api/dashboard?university=${lomeUniversity}`)).json();
    expect(d.groups.every((g: { university: string }) => /Lomé/.test(g.university))).toBe(true);
    const english = (await get('coordination', '/api/dashboard?discipline=english')).json();
    expect(english.byDiscipline.map((x: { id: string }) => x.id)).toEqual(
      english.byDiscipline.length ? ['english'] : [],
    );
  });

  it('limits a tutor to their own groups and refuses students', async () => {
    const d = (await get('tuteur1', '/api/dashboard')).json();
    expect(d.scope).toBe('tutor');
    expect(d.groups.map((g: { id: string }) => g.id)).toEqual([lome]);
    expect(d.overall.learners).toBe(17);
    expect(d.tutors.map((x: { id: string }) => x.id)).toEqual([ids.tuteur1]);
    expect((await get('etudiant1', '/api/dashboard')).statusCode).toBe(403);
  });
});

describe('the gradebook', () => {
  it("gives best scores, and a CSV whose numbers equal the screen's", async () => {
    const res = await get('coordination', `/api/groups/${lome}/gradebook?module=${moduleSlug}`);
    expect(res.statusCode).toBe(200);
    const book = res.json();
    const at = book.exercises.findIndex((e: { slug: string }) => e.slug === 'somme');
    const first = book.learners.find((l: { id: string }) => l.id === ids.etudiant1);
    expect(first.cells[at]).toMatchObject({ bestScore: maxScore, attempts: 2, failedAttempts: 1 });
    const second = book.learners.find((l: { id: string }) => l.id === ids.etudiant2);
    expect(second.cells[at]).toMatchObject({ bestScore: 0, attempts: 3, failedAttempts: 3 });

    const csv = await get('coordination', `/api/groups/${lome}/gradebook.csv?module=${moduleSlug}`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.body.startsWith('\uFEFF')).toBe(true);
    const lines = csv.body.slice(1).trimEnd().split('\r\n');
    expect(lines).toHaveLength(1 + book.learners.length);
    book.learners.forEach(
      (
        l: {
          displayName: string;
          cells: Array<{ bestScore: number | null }>;
          total: number;
          maxTotal: number;
          exercisesPassed: number;
        },
        i: number,
      ) => {
        expect(lines[i + 1]!.split(',')).toEqual([
          l.displayName,
          ...l.cells.map((c) => (c.bestScore === null ? '' : String(c.bestScore))),
          String(l.total),
          String(l.maxTotal),
          String(l.exercisesPassed),
        ]);
      },
    );
  });

  it('marks the cells whose best work came after the group’s deadline, on screen and in the CSV', async () => {
    // etudiant1's full marks came 20 minutes ago, their miss 30 minutes ago; etudiant2 is absent.
    const dueAt = new Date(Date.now() - 25 * MIN).toISOString();
    expect((await deadline(dueAt)).statusCode).toBe(200);
    try {
      const book = (await get('coordination', `/api/groups/${lome}/gradebook?module=${moduleSlug}`)).json();
      expect(book.module.dueAt).toBe(dueAt);
      const at = book.exercises.findIndex((e: { slug: string }) => e.slug === 'somme');
      const first = book.learners.find((l: { id: string }) => l.id === ids.etudiant1);
      expect(first.cells[at]).toMatchObject({ bestScore: maxScore, late: true });
      const lateCells = book.learners.flatMap((l: { cells: Array<{ late: boolean }> }) =>
        l.cells.filter((c) => c.late),
      );
      const csv = (await get('coordination', `/api/groups/${lome}/gradebook.csv?module=${moduleSlug}`)).body
        .slice(1)
        .trimEnd()
        .split('\r\n');
      expect(csv[0]).toMatch(/,total,max,passed,late$/);
      const counts = csv.slice(1).map((line) => Number(line.split(',').at(-1)));
      expect(counts.reduce((sum, n) => sum + n, 0)).toBe(lateCells.length);
      expect(counts[book.learners.indexOf(first)]).toBeGreaterThanOrEqual(1);

      // Before everything, nothing is late.
      expect((await deadline(new Date(Date.now() + 60 * MIN).toISOString())).statusCode).toBe(200);
      const early = (await get('coordination', `/api/groups/${lome}/gradebook?module=${moduleSlug}`)).json();
      expect(
        early.learners
          .flatMap((l: { cells: Array<{ late: boolean }> }) => l.cells)
          .some((c: { late: boolean }) => c.late),
      ).toBe(false);
    } finally {
      expect((await deadline(null)).statusCode).toBe(200);
    }
    const after = (await get('coordination', `/api/groups/${lome}/gradebook?module=${moduleSlug}`)).json();
    expect(after.module.dueAt).toBeNull();
  });

  it('keeps a score changed by a review', async () => {
    await t.database.db
      .update(schema.submissions)
      .set({ score: maxScore / 2 })
      .where(
        and(
          eq(schema.submissions.userId, ids.etudiant2!),
          eq(schema.submissions.status, 'graded'),
          sql`${schema.submissions.createdAt} = (select max(created_at) from submissions where user_id = ${ids.etudiant2!})`,
        ),
      );
    const book = (await get('coordination', `/api/groups/${lome}/gradebook?module=${moduleSlug}`)).json();
    const at = book.exercises.findIndex((e: { slug: string }) => e.slug === 'somme');
    const second = book.learners.find((l: { id: string }) => l.id === ids.etudiant2);
    expect(second.cells[at]).toMatchObject({ bestScore: maxScore / 2, attempts: 3, failedAttempts: 2 });
  });

  it("gives a tutor their group's gradebook and hides the others", async () => {
    expect((await get('tuteur1', `/api/groups/${lome}/gradebook`)).statusCode).toBe(200);
    expect((await get('tuteur1', `/api/groups/${kara}/gradebook`)).statusCode).toBe(404);
    expect((await get('tuteur1', `/api/groups/${kara}/gradebook.csv`)).statusCode).toBe(404);
    expect((await get('etudiant1', `/api/groups/${lome}/gradebook`)).statusCode).toBe(403);
    const unknown = '00000000-0000-4000-8000-000000000000';
    expect((await get('coordination', `/api/groups/${unknown}/gradebook`)).statusCode).toBe(404);
    expect((await get('coordination', `/api/learners/${unknown}/report`)).statusCode).toBe(404);
    expect((await get('coordination', `/api/groups/${lome}/gradebook?module=inconnu`)).statusCode).toBe(404);
  });
});

describe('the learner report', () => {
  it("gives a learner's modules, best scores and activity", async () => {
    const res = await get('tuteur1', `/api/learners/${ids.etudiant1}/report`);
    expect(res.statusCode).toBe(200);
    const report = res.json();
    expect(report.groups).toEqual([
      expect.objectContaining({ id: lome, name: 'Groupe Lomé 1', tutors: ['Kodjo Amenyo'] }),
    ]);
    const mod = report.modules.find((m: { slug: string }) => m.slug === moduleSlug);
    expect(mod).toMatchObject({ exercisesPassed: 1, attempts: 2, failedAttempts: 1, averageScore: 1 });
    expect(mod.scores.find((s: { slug: string }) => s.slug === 'somme')).toMatchObject({
      bestScore: maxScore,
      attempts: 2,
    });
    // The Lomé day (UTC+0) of the learner's newest submission: not today's date, which differs from
    // it when the file runs in the first minutes after midnight.
    const [newest] = await t.database.db
      .select({ at: schema.submissions.createdAt })
      .from(schema.submissions)
      .where(eq(schema.submissions.userId, ids.etudiant1!))
      .orderBy(desc(schema.submissions.createdAt))
      .limit(1);
    expect(report.lastActiveOn).toBe(newest!.at.toISOString().slice(0, 10));
    expect((await get('tuteur2', `/api/learners/${ids.etudiant1}/report`)).statusCode).toBe(404);
    expect((await get('etudiant1', `/api/learners/${ids.etudiant1}/report`)).statusCode).toBe(403);
  });
});

describe('the shared dashboard', () => {
  it('takes no dashboard kept by an instance of an earlier release (another shape)', async () => {
    const key = JSON.stringify([undefined, undefined, undefined, 'english']);
    await saveSharedResult(t.database.db, `dashboard:${key}`, { scope: 'programme' }, new Date());
    const other = await buildTestApp({ database: t.database });
    try {
      const response = await other.app.inject({
        url: '/api/dashboard?discipline=english',
        headers: { cookie: cookie.get('coordination')! },
      });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({ scope: 'programme', atRisk: expect.any(Array) });
    } finally {
      await other.close();
    }
  });

  it('is computed once for every instance of a deployment: another instance takes the one left for it', async () => {
    const url = '/api/dashboard?discipline=ai';
    const here = (await get('coordination', url)).json();
    const other = await buildTestApp({ database: t.database });
    try {
      const statements: string[] = [];
      const stop = t.database.watchStatements((statement) => statements.push(statement));
      const there = await other.app.inject({ url, headers: { cookie: cookie.get('coordination')! } });
      stop();
      expect(there.statusCode).toBe(200);
      expect(there.json()).toEqual(here);
      expect(statements.filter((s) => s.includes('shared_results'))).toHaveLength(1);
      expect(statements.filter((s) => s.includes('learner_module_stats'))).toEqual([]);
    } finally {
      await other.close();
    }
  });

  it('counts a learner past a module’s deadline with exercises not done as at risk, until it is lifted', async () => {
    const atRisk = async () => (await get('coordination', '/api/dashboard')).json().atRisk as AtRisk[];
    type AtRisk = { id: string; overdueModules: string[] };
    // etudiant1, active, graded on one exercise of the module: not at risk until the deadline passes.
    expect((await atRisk()).some((l) => l.id === ids.etudiant1)).toBe(false);
    expect((await deadline(new Date(Date.now() + 60 * MIN).toISOString())).statusCode).toBe(200);
    expect((await atRisk()).some((l) => l.id === ids.etudiant1)).toBe(false);
    expect((await deadline(new Date(Date.now() - MIN).toISOString())).statusCode).toBe(200);
    try {
      const past = await atRisk();
      expect(past.find((l) => l.id === ids.etudiant1)?.overdueModules).toEqual([moduleSlug]);
      // Kara's learners have no deadline there.
      const karaLearners = (await get('coordination', `/api/groups/${kara}/gradebook`)).json().learners as {
        id: string;
      }[];
      const karaIds = new Set(karaLearners.map((l) => l.id));
      expect(past.filter((l) => karaIds.has(l.id)).every((l) => l.overdueModules.length === 0)).toBe(true);
    } finally {
      expect((await deadline(null)).statusCode).toBe(200);
    }
    expect((await atRisk()).some((l) => l.id === ids.etudiant1)).toBe(false);
  });

  // Last in this file: it moves a learner out of Lomé.
  it("is shared for a while, and shows the coordination's own change at once", async () => {
    const lomeLearners = async () =>
      (await get('coordination', '/api/dashboard')).json().groups.find((g: { id: string }) => g.id === lome)
        .learners as number;
    const first = (await get('coordination', '/api/dashboard')).json();
    const before = first.groups.find((g: { id: string }) => g.id === lome).learners;
    // The same dashboard again: the one computed moments ago.
    expect((await get('coordination', '/api/dashboard')).json().generatedAt).toBe(first.generatedAt);

    const moved = await t.app.inject({
      method: 'POST',
      url: '/api/programme/moves',
      headers: { cookie: cookie.get('coordination')! },
      payload: { learnerId: ids.etudiant3, toGroupId: kara, reason: 'Déménagement à Kara' },
    });
    expect(moved.statusCode).toBe(200);
    // This instance takes no dashboard left before the change, not even its own.
    expect(await lomeLearners()).toBe(before - 1);
  });
});
