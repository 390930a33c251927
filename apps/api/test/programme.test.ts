// The programme's structure as the coordination manages it, on the real database: each action,
// its audit line, the history kept on a move, and deadlines reaching learners and tutors.
import { findUserByEmail, listAllGroups, schema } from '@tremplin/db';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, signIn, type TestApp } from './helper.ts';

let t: TestApp;
let coordinator: string;
let coordinatorId: string;
let lome = '';
let kara = '';
let cohortId = '';
let universityId = '';

beforeAll(async () => {
  t = await buildTestApp();
  coordinator = await signIn(t.app, 'coordination@tremplin.test');
  coordinatorId = (await findUserByEmail(t.database.db, 'coordination@tremplin.test'))!.id;
  const groups = await listAllGroups(t.database.db);
  lome = groups.find((g) => g.name === 'Groupe Lomé 1')!.id;
  kara = groups.find((g) => g.name === 'Groupe Kara 1')!.id;
  const [group] = await t.database.db.select().from(schema.groups).where(eq(schema.groups.id, lome));
  cohortId = group!.cohortId;
  universityId = group!.universityId;
});
afterAll(() => t.close());

const send = (
  method: 'POST' | 'PUT' | 'PATCH',
  url: string,
  payload: object,
  cookie = coordinator,
  lang = 'fr',
) => t.app.inject({ method, url, payload, headers: { cookie, 'accept-language': lang } });

/** The newest audit line about a subject. */
async function lastAudit(subjectId: string) {
  const rows = await t.database.db
    .select()
    .from(schema.auditLog)
    .where(eq(schema.auditLog.subjectId, subjectId))
    .orderBy(schema.auditLog.id);
  return rows.at(-1);
}

describe('the structure', () => {
  it('lists universities, cohorts, disciplines and groups with their tutors and learner counts', async () => {
    const response = await t.app.inject({
      url: '/api/programme/structure',
      headers: { cookie: coordinator },
    });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.universities.map((u: { slug: string }) => u.slug).sort()).toEqual(['univ-kara', 'univ-lome']);
    expect(body.disciplines.map((d: { id: string }) => d.id)).toContain('english');
    expect(body.cohorts.length).toBeGreaterThanOrEqual(2);
    const group = body.groups.find((g: { id: string }) => g.id === lome);
    expect(group).toMatchObject({ learnerCount: 17, tutors: [{ displayName: 'Kodjo Amenyo' }] });
    expect(body.modules.length).toBeGreaterThan(0);
  });

  it('creates a cohort, refuses its slug twice and dates in the wrong order', async () => {
    const body = {
      slug: 'promotion-2027',
      name: 'Promotion 2027',
      kind: 'students',
      startsOn: '2027-01-04',
      endsOn: '2027-12-18',
    };
    const created = await send('POST', '/api/programme/cohorts', body);
    expect(created.statusCode).toBe(201);
    expect(await lastAudit(created.json().id)).toMatchObject({
      action: 'cohort.create',
      actorId: coordinatorId,
    });
    const again = await send('POST', '/api/programme/cohorts', body, coordinator, 'en');
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'TREMPLIN_ERR_COHORT_EXISTS', field: 'slug' });
    expect(again.json().message).toContain('already exists');
    const backwards = await send('POST', '/api/programme/cohorts', {
      ...body,
      slug: 'x-2027',
      endsOn: '2026-01-01',
    });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().message).toBe('La fin de la promotion doit venir après son début.');
  });

  it('creates a group once per cohort and name, with an audit line', async () => {
    const created = await send('POST', '/api/programme/groups', {
      name: 'Groupe Lomé 9',
      universityId,
      cohortId,
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ name: 'Groupe Lomé 9', learnerCount: 0, tutors: [] });
    expect(await lastAudit(created.json().id)).toMatchObject({ action: 'group.create' });
    const twice = await send('POST', '/api/programme/groups', {
      name: 'Groupe Lomé 9',
      universityId,
      cohortId,
    });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().message).toBe(
      'Un groupe « Groupe Lomé 9 » existe déjà dans cette promotion : choisissez un autre nom.',
    );
    const unknown = await send(
      'POST',
      '/api/programme/groups',
      {
        name: 'Groupe X',
        universityId: '00000000-0000-4000-8000-000000000000',
        cohortId,
      },
      coordinator,
      'en',
    );
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json()).toMatchObject({ code: 'TREMPLIN_ERR_UNKNOWN_REFERENCE', field: 'universityId' });
    expect(unknown.json().message).toBe('The university cannot be found: reload the page and try again.');
  });

  it('assigns a tutor to a group: they gain the tutor role there and see the group', async () => {
    const created = await send('POST', '/api/programme/groups', {
      name: 'Groupe Lomé 10',
      universityId,
      cohortId,
    });
    const groupId = created.json().id as string;
    const tutor2 = (await findUserByEmail(t.database.db, 'tuteur2@tremplin.test'))!.id;
    const assigned = await send('PUT', `/api/programme/groups/${groupId}/tutors`, { tutorIds: [tutor2] });
    expect(assigned.statusCode).toBe(200);
    expect(assigned.json().tutors).toEqual([{ id: tutor2, displayName: 'Assana Tchakei' }]);
    expect(await lastAudit(groupId)).toMatchObject({
      action: 'group.set-tutors',
      before: { tutorIds: [] },
      after: { tutorIds: [tutor2] },
    });
    const asTutor = await signIn(t.app, 'tuteur2@tremplin.test');
    const seen = await t.app.inject({ url: '/api/groups', headers: { cookie: asTutor } });
    expect(seen.json().groups.map((g: { name: string }) => g.name)).toContain('Groupe Lomé 10');
    // Replacing: the tutor leaves the group, the other arrives.
    const tutor1 = (await findUserByEmail(t.database.db, 'tuteur1@tremplin.test'))!.id;
    const replaced = await send('PUT', `/api/programme/groups/${groupId}/tutors`, { tutorIds: [tutor1] });
    expect(replaced.json().tutors.map((p: { id: string }) => p.id)).toEqual([tutor1]);
    const after = await t.app.inject({ url: '/api/groups', headers: { cookie: asTutor } });
    expect(after.json().groups.map((g: { name: string }) => g.name)).not.toContain('Groupe Lomé 10');
  });
});

describe('moving a learner', () => {
  it('moves them with their history kept, enrols them in the new group modules, and audits it', async () => {
    const learner = (await findUserByEmail(t.database.db, 'etudiant3@tremplin.test'))!;
    const before = await t.database.db
      .select()
      .from(schema.submissions)
      .where(eq(schema.submissions.userId, learner.id));
    const moved = await send('POST', '/api/programme/moves', {
      learnerId: learner.id,
      toGroupId: kara,
      reason: 'Déménagement à Kara',
    });
    expect(moved.statusCode).toBe(200);
    expect(moved.json()).toEqual({ learnerId: learner.id, fromGroupId: lome, toGroupId: kara });
    const profile = await t.app.inject({
      url: `/api/learners/${learner.id}`,
      headers: { cookie: coordinator },
    });
    expect(profile.json().groups.map((g: { id: string }) => g.id)).toEqual([kara]);
    const moves = await t.app.inject({
      url: `/api/learners/${learner.id}/moves`,
      headers: { cookie: coordinator },
    });
    expect(moves.json().moves).toEqual([
      expect.objectContaining({
        fromGroupName: 'Groupe Lomé 1',
        toGroupName: 'Groupe Kara 1',
        movedByName: 'Essi Adzogble',
        reason: 'Déménagement à Kara',
      }),
    ]);
    const own = await signIn(t.app, 'etudiant3@tremplin.test');
    const ownMoves = await t.app.inject({
      url: `/api/learners/${learner.id}/moves`,
      headers: { cookie: own },
    });
    expect(ownMoves.json().moves).toHaveLength(1);
    const after = await t.database.db
      .select()
      .from(schema.submissions)
      .where(eq(schema.submissions.userId, learner.id));
    expect(after).toHaveLength(before.length);
    expect(await lastAudit(learner.id)).toMatchObject({
      action: 'learner.move',
      before: { groupId: lome },
      after: { groupId: kara },
      reason: 'Déménagement à Kara',
    });
    // The Lomé tutor no longer follows them; the Kara tutor does.
    const lomeTutor = await signIn(t.app, 'tuteur1@tremplin.test');
    const hidden = await t.app.inject({ url: `/api/learners/${learner.id}`, headers: { cookie: lomeTutor } });
    expect(hidden.statusCode).toBe(404);
    const again = await send(
      'POST',
      '/api/programme/moves',
      { learnerId: learner.id, toGroupId: kara },
      coordinator,
      'en',
    );
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({
      code: 'TREMPLIN_ERR_SAME_GROUP',
      message: 'This person is already in this group.',
    });
  });

  it('moves a learner of several groups out of the one named', async () => {
    const tutor = (await findUserByEmail(t.database.db, 'tuteur1@tremplin.test'))!.id;
    const [training] = await t.database.db
      .select({ groupId: schema.memberships.groupId })
      .from(schema.memberships)
      .where(and(eq(schema.memberships.userId, tutor), eq(schema.memberships.role, 'student')));
    const created = await send('POST', '/api/programme/groups', {
      name: 'Formateurs bis',
      universityId,
      cohortId,
    });
    const moved = await send('POST', '/api/programme/moves', {
      learnerId: tutor,
      fromGroupId: training!.groupId,
      toGroupId: created.json().id,
    });
    expect(moved.statusCode).toBe(200);
    expect(moved.json().fromGroupId).toBe(training!.groupId);
    const wrong = await send('POST', '/api/programme/moves', {
      learnerId: tutor,
      fromGroupId: kara,
      toGroupId: lome,
    });
    expect(wrong.json().code).toBe('TREMPLIN_ERR_NOT_A_LEARNER');
  });

  it('refuses to move someone who is not a learner', async () => {
    const author = (await findUserByEmail(t.database.db, 'auteur@tremplin.test'))!.id;
    const response = await send('POST', '/api/programme/moves', { learnerId: author, toGroupId: kara });
    expect(response.statusCode).toBe(409);
    expect(response.json().code).toBe('TREMPLIN_ERR_NOT_A_LEARNER');
  });
});

describe('enrolling a group in a module with a deadline', () => {
  it('enrols the current learners, shows the deadline to them and to the tutor, and audits it', async () => {
    const structure = (
      await t.app.inject({ url: '/api/programme/structure', headers: { cookie: coordinator } })
    ).json();
    const english = structure.modules.find((m: { discipline: string }) => m.discipline === 'english');
    const created = await send('POST', '/api/programme/groups', {
      name: 'Groupe Lomé 11',
      universityId,
      cohortId,
    });
    const groupId = created.json().id as string;
    const learner = (await findUserByEmail(t.database.db, 'etudiant4@tremplin.test'))!;
    await send('POST', '/api/programme/moves', { learnerId: learner.id, toGroupId: groupId });
    await t.database.db
      .delete(schema.enrolments)
      .where(and(eq(schema.enrolments.userId, learner.id), eq(schema.enrolments.moduleId, english.id)));
    const dueAt = '2027-03-31T23:59:00.000Z';
    const enrolled = await send('PUT', `/api/programme/groups/${groupId}/modules/${english.id}`, { dueAt });
    expect(enrolled.statusCode).toBe(200);
    expect(enrolled.json()).toEqual({ groupId, moduleId: english.id, dueAt, learners: 1 });
    expect(await lastAudit(groupId)).toMatchObject({
      action: 'group.enrol-module',
      after: { moduleId: english.id, dueAt, learners: 1 },
    });
    const asLearner = await signIn(t.app, 'etudiant4@tremplin.test');
    const modules = (await t.app.inject({ url: '/api/modules', headers: { cookie: asLearner } })).json()
      .modules;
    expect(modules.find((m: { slug: string }) => m.slug === english.slug).dueAt).toBe(dueAt);
    expect(modules.find((m: { slug: string }) => m.slug !== english.slug)?.dueAt ?? null).toBeNull();

    const tutor1 = (await findUserByEmail(t.database.db, 'tuteur1@tremplin.test'))!.id;
    await send('PUT', `/api/programme/groups/${groupId}/tutors`, { tutorIds: [tutor1] });
    const tutor = await signIn(t.app, 'tuteur1@tremplin.test');
    const tutorView = await t.app.inject({
      url: `/api/groups/${groupId}/modules`,
      headers: { cookie: tutor },
    });
    const tutorModules = tutorView.json().modules as Array<{ slug: string; dueAt: string | null }>;
    expect(tutorModules.find((m) => m.slug === english.slug)?.dueAt).toBe(dueAt);
    expect(tutorModules.filter((m) => m.slug !== english.slug).every((m) => m.dueAt === null)).toBe(true);

    const changed = await send('PATCH', `/api/programme/groups/${groupId}/modules/${english.id}`, {
      dueAt: null,
    });
    expect(changed.statusCode).toBe(200);
    expect(await lastAudit(groupId)).toMatchObject({
      action: 'group.set-deadline',
      before: { dueAt },
      after: { dueAt: null },
    });
    const later = (await t.app.inject({ url: '/api/modules', headers: { cookie: asLearner } })).json()
      .modules;
    expect(later.find((m: { slug: string }) => m.slug === english.slug).dueAt).toBeNull();

    // A learner moving in later is enrolled in the group's modules.
    const newcomer = (await findUserByEmail(t.database.db, 'etudiant5@tremplin.test'))!;
    await t.database.db
      .delete(schema.enrolments)
      .where(and(eq(schema.enrolments.userId, newcomer.id), eq(schema.enrolments.moduleId, english.id)));
    await send('POST', '/api/programme/moves', { learnerId: newcomer.id, toGroupId: groupId });
    const enrolments = await t.database.db
      .select()
      .from(schema.enrolments)
      .where(and(eq(schema.enrolments.userId, newcomer.id), eq(schema.enrolments.moduleId, english.id)));
    expect(enrolments).toHaveLength(1);
  });

  it('refuses a deadline change for a module the group is not in, and a malformed date', async () => {
    const structure = (
      await t.app.inject({ url: '/api/programme/structure', headers: { cookie: coordinator } })
    ).json();
    const created = await send('POST', '/api/programme/groups', {
      name: 'Groupe Lomé 12',
      universityId,
      cohortId,
    });
    const moduleId = structure.modules[0].id as string;
    const url = `/api/programme/groups/${created.json().id}/modules/${moduleId}`;
    const missing = await send('PATCH', url, { dueAt: null });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().code).toBe('TREMPLIN_ERR_GROUP_NOT_ENROLLED');
    const malformed = await send('PUT', url, { dueAt: '2027-02-30T10:00:00Z' });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().field).toBe('dueAt');
    const rows = await t.database.db
      .select()
      .from(schema.groupModules)
      .where(eq(schema.groupModules.groupId, created.json().id));
    expect(rows).toEqual([]);
  });
});
