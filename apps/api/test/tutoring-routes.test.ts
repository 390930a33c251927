// The tutors' REST tools: progress grid and its CSV, learner page, notes, flags, help statistics
// and live sessions with their attendance.
import { findUserByEmail, listAllGroups, logActivity, schema } from '@tremplin/db';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, demoExercise, signIn, submitAndWait, type TestApp } from './helper.ts';
import { LiveClient } from './live-client.ts';

let t: TestApp;
let lome = '';
let somme = '';
let submissionId = '';
const cookies = new Map<string, string>();
const ids = new Map<string, string>();
const clients: LiveClient[] = [];
const SOLUTION = 'export function somme(n) {\n  return n.reduce((a, b) => a + b, 0);\n}\n';

const cookie = async (who: string) => {
  if (!cookies.has(who)) cookies.set(who, await signIn(t.app, `${who}@tremplin.test`));
  return cookies.get(who)!;
};
const idOf = async (who: string) => {
  if (!ids.has(who)) ids.set(who, (await findUserByEmail(t.database.db, `${who}@tremplin.test`))!.id);
  return ids.get(who)!;
};
async function call(who: string, method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, payload?: object) {
  return t.app.inject({
    method,
    url,
    headers: { cookie: await cookie(who) },
    ...(payload ? { payload } : {}),
  });
}

beforeAll(async () => {
  t = await buildTestApp();
  await t.app.ready();
  lome = (await listAllGroups(t.database.db)).find((g) => g.name === 'Groupe Lomé 1')!.id;
  somme = (await demoExercise(t.database, 'somme')).id;
  await call('etudiant1', 'POST', `/api/exercises/${somme}/runs`, {
    code: 'export function somme(n) { return 0; }',
  });
  submissionId = (await submitAndWait(t.app, await cookie('etudiant1'), somme, { code: SOLUTION })).id;
});
afterAll(async () => {
  for (const client of clients) {
    expect(client.invalid).toEqual([]);
    client.close();
  }
  await t.close();
});

describe('the progress grid', () => {
  it('lists the modules of the group', async () => {
    const response = await call('tuteur1', 'GET', `/api/groups/${lome}/modules`);
    expect(response.statusCode).toBe(200);
    expect(response.json().modules).toContainEqual({
      slug: 'programmation-js',
      title: expect.any(String),
      learners: 17,
      dueAt: null,
    });
  });

  it('colours learners by best score, with the submission to open', async () => {
    const response = await call('tuteur1', 'GET', `/api/groups/${lome}/progress?module=programmation-js`);
    expect(response.statusCode).toBe(200);
    const grid = response.json();
    expect(grid.module.slug).toBe('programmation-js');
    expect(grid.learners).toHaveLength(17);
    const column = grid.exercises.findIndex((e: { id: string }) => e.id === somme);
    expect(column).toBeGreaterThanOrEqual(0);
    const row = grid.learners.find(
      (l: { id: string; displayName: string }) =>
        l.id === ids.get('etudiant1') || l.displayName === 'Kossi Agbeko',
    );
    expect(row.cells[column]).toEqual({
      exerciseId: somme,
      bestScore: grid.exercises[column].maxScore,
      attempts: 1,
      submissionId,
      late: false,
    });
    const other = grid.learners.find((l: { displayName: string }) => l.displayName === 'Afi Mensah');
    expect(other.cells[column]).toEqual({
      exerciseId: somme,
      bestScore: null,
      attempts: 0,
      submissionId: null,
      late: false,
    });
    expect(grid.module.dueAt).toBeNull();
  });

  it('marks work made after the group’s deadline as late, offline work by when it was made', async () => {
    const [programming] = await t.database.db
      .select({ id: schema.modules.id })
      .from(schema.modules)
      .where(eq(schema.modules.slug, 'programmation-js'));
    const deadline = (dueAt: string | null) =>
      call('coordination', 'PUT', `/api/programme/groups/${lome}/modules/${programming!.id}`, { dueAt });
    const ownHistory = async (who: string) =>
      (
        await t.app.inject({
          url: `/api/exercises/${somme}/submissions`,
          headers: { cookie: await cookie(who) },
        })
      ).json().submissions as Array<{ late: boolean }>;
    const hour = 3_600_000;
    const dueAt = new Date(Date.now() - hour).toISOString();
    expect((await deadline(dueAt)).statusCode).toBe(200);
    try {
      // Sent now, an hour after the deadline; and made offline two hours ago, sent now.
      const sentLate = await submitAndWait(t.app, await cookie('etudiant2'), somme, { code: SOLUTION });
      const madeInTime = await submitAndWait(t.app, await cookie('etudiant3'), somme, {
        code: SOLUTION,
        clientCreatedAt: new Date(Date.now() - 2 * hour).toISOString(),
      });
      const grid = (
        await call('tuteur1', 'GET', `/api/groups/${lome}/progress?module=programmation-js`)
      ).json();
      expect(grid.module.dueAt).toBe(dueAt);
      const column = grid.exercises.findIndex((e: { id: string }) => e.id === somme);
      const cellOf = async (who: string) => {
        const id = await idOf(who);
        return grid.learners.find((l: { id: string }) => l.id === id).cells[column];
      };
      expect(await cellOf('etudiant1')).toMatchObject({ attempts: 1, late: true });
      expect(await cellOf('etudiant2')).toMatchObject({ attempts: 1, late: true });
      expect(await cellOf('etudiant3')).toMatchObject({ attempts: 1, late: false });
      expect(
        grid.learners
          .flatMap((l: { cells: Array<{ late: boolean }> }) => l.cells)
          .filter((c: { late: boolean }) => c.late),
      ).toHaveLength(2);

      // The export says how many of each learner's exercises were late.
      const csv = (
        await call('coordination', 'GET', `/api/groups/${lome}/progress.csv?module=programmation-js`)
      ).body
        .replace(/^\uFEFF/, '')
        .split('\r\n');
      expect(csv[0]).toMatch(/,total,late$/);
      expect(csv.find((l) => l.startsWith('Kossi Agbeko,'))).toMatch(/,1$/);

      // The learner page says the same of each submission.
      const submissionsOf = async (who: string) =>
        (await call('tuteur1', 'GET', `/api/learners/${await idOf(who)}/activity`)).json()
          .submissions as Array<{
          late: boolean;
        }>;
      expect((await submissionsOf('etudiant2')).map((s) => s.late)).toEqual([true]);
      expect((await submissionsOf('etudiant3')).map((s) => s.late)).toEqual([false]);

      // And so do the learner's own submission and history.
      expect([sentLate.late, madeInTime.late]).toEqual([true, false]);
      expect((await ownHistory('etudiant2')).map((s) => s.late)).toEqual([true]);
      expect((await ownHistory('etudiant3')).map((s) => s.late)).toEqual([false]);
    } finally {
      expect((await deadline(null)).statusCode).toBe(200);
    }
    const after = (await call('tuteur1', 'GET', `/api/learners/${await idOf('etudiant2')}/activity`)).json();
    expect(after.submissions[0].late).toBe(false);
    expect((await ownHistory('etudiant2')).map((s) => s.late)).toEqual([false]);
  });

  it('exports the grid as CSV', async () => {
    const response = await call(
      'coordination',
      'GET',
      `/api/groups/${lome}/progress.csv?module=programmation-js`,
    );
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toBe(
      'attachment; filename="progression-programmation-js.csv"',
    );
    const lines = response.body
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines).toHaveLength(18);
    expect(lines[0]).toMatch(/^learner,.*La somme d'un tableau.*,total$/);
    expect(lines.find((l) => l.startsWith('Kossi Agbeko,'))).toMatch(/,1,|,1$/);
  });

  it('answers 404 for a module that does not exist', async () => {
    const response = await call('tuteur1', 'GET', `/api/groups/${lome}/progress?module=inconnu`);
    expect(response.statusCode).toBe(404);
  });
});

describe('the learner page', () => {
  it('shows runs and submissions with code and results, and the time line', async () => {
    const learnerId = await idOf('etudiant1');
    const response = await call('tuteur1', 'GET', `/api/learners/${learnerId}/activity`);
    expect(response.statusCode).toBe(200);
    const activity = response.json();
    expect(activity.runs[0]).toMatchObject({
      exercise: { id: somme },
      result: { kind: 'code', passed: 2, total: 3 },
    });
    expect(activity.submissions[0]).toMatchObject({ id: submissionId, code: SOLUTION, status: 'graded' });
    expect(activity.timeline.map((e: { kind: string }) => e.kind)).toEqual(
      expect.arrayContaining(['run', 'submission']),
    );

    const one = await call('coordination', 'GET', `/api/learners/${learnerId}/submissions/${submissionId}`);
    expect(one.json()).toMatchObject({ id: submissionId, result: { kind: 'code', passed: 6, total: 6 } });
    const wrongOwner = await call(
      'tuteur1',
      'GET',
      `/api/learners/${await idOf('etudiant2')}/submissions/${submissionId}`,
    );
    expect(wrongOwner.statusCode).toBe(404);
  });

  it('gives the latest draft', async () => {
    const learnerId = await idOf('etudiant1');
    await call('etudiant1', 'PUT', `/api/exercises/${somme}/draft`, { code: '// en cours' });
    const response = await call('tuteur1', 'GET', `/api/learners/${learnerId}/draft`);
    expect(response.json()).toMatchObject({ draft: { exercise: { id: somme }, code: '// en cours' } });
  });

  it('keeps notes that tutors write and the coordination reads', async () => {
    const learnerId = await idOf('etudiant1');
    const saved = await call('tuteur1', 'PUT', `/api/learners/${learnerId}/notes`, {
      body: 'Progresse bien ; revoir les boucles.',
    });
    expect(saved.statusCode).toBe(200);
    const read = await call('coordination', 'GET', `/api/learners/${learnerId}/notes`);
    expect(read.json().notes).toEqual([
      {
        author: { id: await idOf('tuteur1'), displayName: 'Kodjo Amenyo' },
        body: 'Progresse bien ; revoir les boucles.',
        updatedAt: expect.any(String),
      },
    ]);
    expect(
      (await call('coordination', 'PUT', `/api/learners/${learnerId}/notes`, { body: 'x' })).statusCode,
    ).toBe(403);
    const cleared = await call('tuteur1', 'PUT', `/api/learners/${learnerId}/notes`, { body: '' });
    expect(cleared.json().notes).toEqual([]);
  });
});

describe('the learner page in words', () => {
  it('describes each kind of activity by its data, and anything else as other', async () => {
    const learnerId = await idOf('etudiant6');
    const run = (await call('etudiant6', 'POST', `/api/exercises/${somme}/runs`, { code: SOLUTION })).json();
    const choice = await demoExercise(t.database, 'choisir-le-message');
    const submission = await submitAndWait(t.app, await cookie('etudiant6'), choice.id, {
      answer: { kind: 'choice', selected: ['a'] },
    });
    const help = await call('etudiant6', 'POST', `/api/exercises/${somme}/help-requests`, { message: '' });
    const [lesson] = await t.database.db
      .select()
      .from(schema.lessons)
      .where(eq(schema.lessons.slug, 'commit-messages'))
      .limit(1);
    await call('etudiant6', 'POST', `/api/lessons/${lesson!.id}/read`);
    const card = (await call('etudiant6', 'GET', '/api/vocabulary/queue')).json().cards[0];
    await call('etudiant6', 'POST', '/api/vocabulary/reviews', { cardKey: card.cardKey, rating: 2 });
    // A kind this version does not know, and a run recorded without its counts.
    await logActivity(t.database.db, { userId: learnerId, kind: 'badge.earned', data: { badge: 'or' } });
    await logActivity(t.database.db, {
      userId: learnerId,
      kind: 'run',
      exerciseId: somme,
      data: { runId: run.id },
    });

    const response = await call('tuteur1', 'GET', `/api/learners/${learnerId}/activity`);
    expect(response.statusCode).toBe(200);
    const { timeline, submissions } = response.json();
    const sommeRef = { id: somme, title: expect.any(String) };
    const at = expect.any(String);
    const id = expect.any(Number);
    expect(timeline).toHaveLength(7);
    expect(timeline).toEqual(
      expect.arrayContaining([
        { id, kind: 'other', exercise: sommeRef, data: {}, at },
        { id, kind: 'other', exercise: null, data: {}, at },
        {
          id,
          kind: 'vocabulary.review',
          exercise: { id: card.exerciseId, title: expect.any(String) },
          data: { cardKey: card.cardKey, rating: 2 },
          at,
        },
        {
          id,
          kind: 'lesson.read',
          exercise: null,
          lesson: { id: lesson!.id, title: 'Writing good commit messages' },
          data: { lessonId: lesson!.id },
          at,
        },
        { id, kind: 'help.requested', exercise: sommeRef, data: { helpRequestId: help.json().id }, at },
        {
          id,
          kind: 'submission',
          exercise: { id: choice.id, title: 'Le bon message de commit' },
          data: { submissionId: submission.id },
          at,
        },
        { id, kind: 'run', exercise: sommeRef, data: { runId: run.id, passed: 3, total: 3 }, at },
      ]),
    );
    expect(response.body).not.toContain('badge');
    expect(submissions.map((s: { id: string }) => s.id)).toContain(submission.id);
  });

  it('gives the exercises of an English answer as the learner sees them, without the key', async () => {
    const learnerId = await idOf('etudiant6');
    for (const slug of ['choisir-le-message', 'ordre-des-mots', 'termes-anglais-francais']) {
      const { id } = await demoExercise(t.database, slug);
      const asTutor = await call('tuteur1', 'GET', `/api/learners/${learnerId}/exercises/${id}`);
      expect(asTutor.statusCode, slug).toBe(200);
      // The learner's own shuffles: the ids and order the answer refers to.
      const own = (await call('etudiant6', 'GET', `/api/exercises/${id}`)).json();
      expect(asTutor.json(), slug).toEqual({
        id,
        title: own.title,
        kind: own.kind,
        promptMd: own.promptMd,
        spec: own.spec,
      });
      expect(asTutor.body, slug).not.toMatch(/"(correct|feedback|alternatives|pairs)"/);
      const asCoordinator = await call('coordination', 'GET', `/api/learners/${learnerId}/exercises/${id}`);
      expect(asCoordinator.json(), slug).toEqual(asTutor.json());
    }

    const dictation = await demoExercise(t.database, 'dictee-deploiement');
    await call('etudiant6', 'POST', `/api/exercises/${dictation.id}/dictation/play`);
    const heard = await call('tuteur1', 'GET', `/api/learners/${learnerId}/exercises/${dictation.id}`);
    expect(heard.json().spec).toMatchObject({ kind: 'dictation', playsUsed: 1 });
    expect(heard.body).not.toContain('roll back');
  });

  it('answers 404 for an exercise of a module the learner is not enrolled in', async () => {
    const learnerId = await idOf('etudiant7');
    const [english] = await t.database.db
      .select()
      .from(schema.modules)
      .where(eq(schema.modules.slug, 'anglais-technique'));
    await t.database.db
      .delete(schema.enrolments)
      .where(and(eq(schema.enrolments.userId, learnerId), eq(schema.enrolments.moduleId, english!.id)));
    const { id } = await demoExercise(t.database, 'choisir-le-message');
    const response = await call('tuteur1', 'GET', `/api/learners/${learnerId}/exercises/${id}`);
    expect(response.statusCode).toBe(404);
    expect(response.json().code).toBe('TREMPLIN_ERR_NOT_FOUND');
  });
});

describe('flags', () => {
  it('lets a tutor flag a submission of their learner for the graders', async () => {
    const response = await call('tuteur1', 'POST', `/api/submissions/${submissionId}/flags`, {
      reason: 'Code copié ?',
    });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({
      submissionId,
      source: 'tutor',
      reason: 'Code copié ?',
      status: 'open',
    });
    const [row] = await t.database.db
      .select()
      .from(schema.flags)
      .where(eq(schema.flags.id, response.json().id));
    expect(row).toMatchObject({ source: 'tutor', raisedBy: await idOf('tuteur1') });
    expect(
      (await call('tuteur2', 'POST', `/api/submissions/${submissionId}/flags`, { reason: 'x' })).statusCode,
    ).toBe(404);
    expect(
      (await call('etudiant1', 'POST', `/api/submissions/${submissionId}/flags`, { reason: 'x' })).statusCode,
    ).toBe(403);
  });
});

describe('live sessions', () => {
  it('record who attends, the help asked and the results, and end once', async () => {
    const tutor = await LiveClient.open(t.app, await cookie('tuteur1'));
    clients.push(tutor);
    await tutor.subscribe(`group:${lome}`);

    const started = await call('tuteur1', 'POST', `/api/groups/${lome}/live-sessions`, {
      title: 'TP boucles',
      moduleSlug: 'programmation-js',
    });
    expect(started.statusCode).toBe(201);
    const session = started.json();
    expect(session).toMatchObject({
      title: 'TP boucles',
      module: { slug: 'programmation-js' },
      endedAt: null,
    });
    expect((await tutor.next((m) => m.type === 'session')).session).toEqual(session);
    const twice = await call('tuteur1', 'POST', `/api/groups/${lome}/live-sessions`, { title: 'Encore' });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().code).toBe('TREMPLIN_ERR_SESSION_RUNNING');

    const student = await LiveClient.open(t.app, await cookie('etudiant3'));
    clients.push(student);
    const feed = await student.subscribe(`feed:${await idOf('etudiant3')}`);
    expect((feed.data as { sessions: unknown[] }).sessions).toEqual([session]);
    await call('etudiant3', 'POST', `/api/exercises/${somme}/help-requests`, {
      message: 'Pendant la séance',
    });
    await call('etudiant3', 'POST', `/api/exercises/${somme}/runs`, { code: SOLUTION });
    await t.app.live.flushPresence();
    student.close();
    await tutor.next(
      (m) =>
        m.type === 'tile' &&
        (m.tile as { presence: string; learnerId: string }).presence === 'offline' &&
        (m.tile as { learnerId: string }).learnerId === ids.get('etudiant3'),
    );
    await t.app.live.flushPresence();

    const ended = await call('tuteur1', 'PATCH', `/api/live-sessions/${session.id}`, { ended: true });
    expect(ended.json().endedAt).not.toBeNull();
    expect(await tutor.next((m) => m.type === 'session' && m.session === null)).toBeTruthy();
    expect(
      (await call('tuteur1', 'PATCH', `/api/live-sessions/${session.id}`, { ended: true })).statusCode,
    ).toBe(409);

    const summary = (await call('coordination', 'GET', `/api/live-sessions/${session.id}`)).json();
    expect(summary.attendance).toEqual([
      {
        learnerId: await idOf('etudiant3'),
        displayName: 'Komi Amouzou',
        firstJoinedAt: expect.any(String),
        lastLeftAt: expect.any(String),
        seconds: expect.any(Number),
      },
    ]);
    expect(summary.absent).toHaveLength(16);
    expect(summary.help).toMatchObject({ requests: 1, resolved: 0 });
    expect(summary.results).toMatchObject({ runs: 1, submissions: 0 });
    const listed = (await call('tuteur1', 'GET', `/api/groups/${lome}/live-sessions`)).json();
    expect(listed.sessions.map((s: { session: { id: string } }) => s.session.id)).toContain(session.id);
  });
});

describe('help statistics', () => {
  it('gives response times per group and for the programme', async () => {
    const asked = await call('etudiant4', 'POST', `/api/exercises/${somme}/help-requests`, { message: '?' });
    await call('tuteur1', 'POST', `/api/help-requests/${asked.json().id}/take`);
    await call('tuteur1', 'POST', `/api/help-requests/${asked.json().id}/resolve`);
    const group = await call('tuteur1', 'GET', `/api/groups/${lome}/help-stats`);
    expect(group.statusCode).toBe(200);
    expect(group.json()).toMatchObject({ taken: expect.any(Number), resolved: 1 });
    expect(group.json().waitSeconds.median).toBeGreaterThanOrEqual(0);
    const programme = await call('coordination', 'GET', '/api/help-stats');
    expect(programme.json().requests).toBeGreaterThanOrEqual(group.json().requests);
    expect((await call('tuteur1', 'GET', '/api/help-stats')).statusCode).toBe(403);

    // The programme's figures are shared for a while (as its dashboard); a group's move at once.
    await call('etudiant4', 'POST', `/api/exercises/${somme}/help-requests`, { message: '??' });
    const groupAfter = await call('tuteur1', 'GET', `/api/groups/${lome}/help-stats`);
    expect(groupAfter.json().requests).toBe(group.json().requests + 1);
    expect(Date.parse(groupAfter.json().generatedAt)).toBeGreaterThanOrEqual(
      Date.parse(group.json().generatedAt),
    );
    const programmeAgain = await call('coordination', 'GET', '/api/help-stats');
    expect(programmeAgain.json()).toEqual(programme.json());
    const window = await call('coordination', 'GET', '/api/help-stats?from=2020-01-01T00:00:00Z');
    expect(window.json().requests).toBe(programme.json().requests + 1);
    const all = await call('tuteur1', 'GET', `/api/groups/${lome}/help-requests?scope=all`);
    expect(all.json().requests.map((r: { id: string }) => r.id)).toContain(asked.json().id);
  });
});
