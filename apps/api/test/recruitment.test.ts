// The public call for tutors: sign-up, the deadline to the minute (Lomé time), eligibility, supporting
// documents checked by content and served only to the coordination and their owner, reviews
// averaged, decisions that enrol the selected in the tutors' training, and the CSV exports.
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { hashPassword, listAudit, listEnrolledModules, listUserMemberships, schema } from '@tremplin/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, signIn, type TestApp } from './helper.ts';

let t: TestApp;
let dataDir = '';
// The deadline of the demo call: 30 June 2027, 23:59 in Lomé (UTC+0).
const DEADLINE = new Date('2027-06-30T23:59:00Z');
let clock = new Date('2027-06-01T09:00:00Z');
let callId = '';
let lome = '';
let kara = '';
let coordinator = '';
let secondCoordinator = '';
let student = '';

const PDF = Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n', 'latin1');
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82]);
const MOTIVATION =
  'Je souhaite accompagner les étudiants de licence en programmation, comme je le fais déjà au club du campus.';

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'tremplin-recruitment-'));
  t = await buildTestApp({
    now: () => clock,
    env: {
      DATA_DIR: dataDir,
      RECRUITMENT_MAX_DOCUMENT_BYTES: '4096',
      RECRUITMENT_MAX_DOCUMENTS: '3',
      RECRUITMENT_SIGN_UPS_PER_ADDRESS_PER_HOUR: '50',
    },
  });
  const db = t.database.db;
  const [call] = await db.select().from(schema.tutorCalls);
  callId = call!.id;
  const universities = await db.select().from(schema.universities);
  lome = universities.find((u) => u.slug === 'univ-lome')!.id;
  kara = universities.find((u) => u.slug === 'univ-kara')!.id;
  const [admin] = await db
    .insert(schema.users)
    .values({
      email: 'coord2@tremplin.test',
      displayName: 'Ama Kpodo',
      passwordHash: await hashPassword('coord2-pass'),
    })
    .returning();
  await db.insert(schema.memberships).values({ userId: admin!.id, role: 'coordinator', groupId: null });
  coordinator = await signIn(t.app, 'coordination@tremplin.test');
  secondCoordinator = await signIn(t.app, 'coord2@tremplin.test', 'coord2-pass');
  student = await signIn(t.app, 'etudiant1@tremplin.test');
});
afterAll(async () => {
  await t.close();
  await rm(dataDir, { recursive: true, force: true });
});

let signUps = 0;
/** Signs a new candidate up and answers their cookie. */
async function signUp(name = 'Kossi Candidat', locale: 'fr' | 'en' = 'fr'): Promise<string> {
  signUps++;
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/recruitment/sign-up',
    payload: {
      email: `candidat-${signUps}@example.tg`,
      displayName: name,
      password: 'une phrase de passe',
      locale,
    },
  });
  expect(response.statusCode, response.body).toBe(201);
  return `tremplin_session=${response.cookies.find((c) => c.name === 'tremplin_session')!.value}`;
}

function apply(cookie: string, body: Record<string, unknown> = {}, language = 'fr', call = callId) {
  return t.app.inject({
    method: 'PUT',
    url: `/api/recruitment/calls/${call}/application`,
    headers: { cookie, 'accept-language': language },
    payload: {
      universityId: lome,
      level: 'master',
      field: 'informatique',
      studentNumber: 'UL-2026-0001',
      motivation: MOTIVATION,
      ...body,
    },
  });
}

function upload(
  cookie: string,
  applicationId: string,
  name: string,
  bytes: Buffer,
  type = 'application/pdf',
) {
  return t.app.inject({
    method: 'POST',
    url: `/api/recruitment/applications/${applicationId}/documents?name=${encodeURIComponent(name)}`,
    headers: { cookie, 'content-type': type },
    payload: bytes,
  });
}

describe('the public call', () => {
  it('is read without an account, with its deadline, levels, fields and rubric', async () => {
    const response = await t.app.inject({ url: '/api/recruitment/calls' });
    expect(response.statusCode).toBe(200);
    const [call] = response.json().calls;
    expect(call).toMatchObject({
      title: 'Appel à candidatures : 900 tuteurs et tutrices 2027',
      seats: 900,
      open: true,
      closesAt: DEADLINE.toISOString(),
      levels: ['master', 'doctorate'],
    });
    expect(call.universities.map((u: { name: string }) => u.name).sort()).toEqual([
      'Université de Kara',
      'Université de Lomé',
    ]);
    expect(call.fields.length).toBeGreaterThanOrEqual(5);
    expect(call.rubric.map((c: { max: number }) => c.max)).toEqual([5, 5, 5, 5]);
  });

  it('signs a candidate up with the candidate role and signs them in; an address is taken once', async () => {
    const cookie = await signUp('Afi Sign-up');
    const me = await t.app.inject({ url: '/api/me', headers: { cookie } });
    expect(me.json()).toMatchObject({ displayName: 'Afi Sign-up', roles: ['candidate'] });
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/recruitment/sign-up',
      headers: { 'accept-language': 'en' },
      payload: {
        email: `CANDIDAT-${signUps}@example.tg`,
        displayName: 'Twice',
        password: 'une phrase de passe',
      },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'TREMPLIN_ERR_EMAIL_TAKEN', field: 'email' });
    const short = await t.app.inject({
      method: 'POST',
      url: '/api/recruitment/sign-up',
      payload: { email: 'short@example.tg', displayName: 'Short', password: 'court' },
    });
    expect(short.statusCode).toBe(400);
  });

  it('limits sign-ups per address', async () => {
    const { app, close } = await buildTestApp({
      database: t.database,
      env: { DATA_DIR: dataDir, RECRUITMENT_SIGN_UPS_PER_ADDRESS_PER_HOUR: '2' },
    });
    try {
      const codes: number[] = [];
      for (let i = 0; i < 3; i++) {
        const response = await app.inject({
          method: 'POST',
          url: '/api/recruitment/sign-up',
          remoteAddress: '10.9.9.9',
          payload: { email: `flood-${i}@example.tg`, displayName: 'Flood', password: 'une phrase de passe' },
        });
        codes.push(response.statusCode);
      }
      expect(codes).toEqual([201, 201, 429]);
    } finally {
      await close();
    }
  });
});

describe('the deadline, to the minute in Lomé time', () => {
  it('takes an application a minute before and refuses it at the minute, saying the deadline', async () => {
    clock = new Date(DEADLINE.getTime() - 60_000);
    const cookie = await signUp();
    expect((await apply(cookie)).statusCode).toBe(200);
    clock = new Date(DEADLINE.getTime() - 1);
    expect((await apply(cookie, { studentNumber: 'UL-2026-0002' })).statusCode).toBe(200);
    clock = DEADLINE;
    const refused = await apply(cookie, { studentNumber: 'UL-2026-0003' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'TREMPLIN_ERR_CALL_CLOSED' });
    expect(refused.json().message).toBe(
      'L’appel est clos : les candidatures étaient reçues jusqu’au 30 juin 2027 à 23:59 (heure de Lomé).',
    );
    const english = await apply(cookie, {}, 'en');
    expect(english.json().message).toBe(
      'The call is closed: applications were taken until 30 June 2027 at 23:59 (Lomé time).',
    );
    // Nothing changed after the deadline, documents included.
    const mine = await t.app.inject({ url: '/api/recruitment/my-applications', headers: { cookie } });
    const [own] = mine.json().applications;
    expect(own.studentNumber).toBe('UL-2026-0002');
    expect((await upload(cookie, own.id, 'cv.pdf', PDF)).statusCode).toBe(409);
    clock = new Date('2027-06-01T09:00:00Z');
  });

  it('refuses before the call opens', async () => {
    clock = new Date('2026-11-02T07:59:00Z');
    const cookie = await signUp();
    const early = await t.app.inject({ url: `/api/recruitment/calls/${callId}` });
    expect(early.statusCode).toBe(404);
    expect((await apply(cookie)).statusCode).toBe(404);
    clock = new Date('2026-11-02T08:00:00Z');
    expect((await apply(cookie)).statusCode).toBe(200);
    clock = new Date('2027-06-01T09:00:00Z');
  });
});

describe('eligibility, checked at once', () => {
  it('answers eligible for a Master’s student of a listed university and field', async () => {
    const response = await apply(await signUp());
    expect(response.json()).toMatchObject({ eligible: true, reasons: [], status: 'submitted' });
  });

  it('gives each failed rule its reason, in the candidate’s language', async () => {
    // A call of the Université de Lomé only, opened by the coordination.
    const [cohort] = await t.database.db
      .select()
      .from(schema.cohorts)
      .where(eq(schema.cohorts.kind, 'tutor-training'));
    const opened = await t.app.inject({
      method: 'POST',
      url: '/api/recruitment/calls',
      headers: { cookie: coordinator },
      payload: {
        slug: 'tuteurs-lome-anglais',
        title: 'Tuteurs d’anglais à Lomé',
        bodyMd: 'Appel restreint.',
        opensAt: '2027-01-01T00:00:00Z',
        closesAt: '2027-12-31T23:59:00Z',
        seats: 20,
        universityIds: [lome],
        levels: ['doctorate'],
        fields: [{ id: 'anglais', fr: 'Anglais', en: 'English' }],
        rubric: [{ id: 'langue', fr: 'Langue', en: 'Language', max: 10 }],
        trainingCohortId: cohort!.id,
      },
    });
    expect(opened.statusCode, opened.body).toBe(201);
    const restricted = opened.json().id;
    const cookie = await signUp();
    const rules = async (body: Record<string, unknown>, language = 'fr') => {
      const response = await apply(cookie, body, language, restricted);
      expect(response.statusCode, response.body).toBe(200);
      return response.json();
    };
    const good = { universityId: lome, level: 'doctorate', field: 'anglais' };
    expect(await rules(good)).toMatchObject({ eligible: true, reasons: [] });
    expect((await rules({ ...good, universityId: kara })).reasons).toEqual([
      { rule: 'university', message: 'L’appel est réservé aux inscrits de Université de Lomé.' },
    ]);
    expect((await rules({ ...good, level: 'master' })).reasons).toEqual([
      { rule: 'level', message: 'Il faut être inscrit en doctorat.' },
    ]);
    const other = await rules({ ...good, field: 'other' }, 'en');
    expect(other).toMatchObject({ eligible: false });
    expect(other.reasons).toEqual([
      { rule: 'field', message: 'Your field of study is not one of the call’s (English).' },
    ]);
    const all = await rules({ universityId: kara, level: 'licence', field: 'physique' });
    expect(all.reasons.map((r: { rule: string }) => r.rule)).toEqual(['university', 'level', 'field']);
  });

  it('refuses a non-candidate and an unknown call', async () => {
    expect((await apply(student)).statusCode).toBe(403);
    const cookie = await signUp();
    expect((await apply(cookie, {}, 'fr', '00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
  });
});

describe('supporting documents', () => {
  let owner = '';
  let applicationId = '';
  let documentId = '';

  beforeAll(async () => {
    owner = await signUp('Porteur Documents');
    applicationId = (await apply(owner)).json().id;
  });

  it('takes a PDF by its content, whatever its name, and stores it under a random key outside the web root', async () => {
    const response = await upload(owner, applicationId, 'scan.jpg', PDF, 'application/octet-stream');
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json()).toMatchObject({ fileName: 'scan.pdf', sizeBytes: PDF.length });
    documentId = response.json().id;
    const stored = await readdir(path.join(dataDir, 'uploads'));
    expect(stored.length).toBeGreaterThan(0);
    expect(stored.every((name) => /^[0-9a-f]{48}$/.test(name))).toBe(true);
  });

  it('refuses a renamed non-PDF, checked by content', async () => {
    const response = await upload(owner, applicationId, 'cv.pdf', PNG);
    expect(response.statusCode).toBe(415);
    expect(response.json()).toMatchObject({ code: 'TREMPLIN_ERR_DOCUMENT_NOT_PDF' });
  });

  it('refuses a document over the size limit, saying the limit', async () => {
    const big = Buffer.concat([PDF, Buffer.alloc(5000, 0x20)]);
    const response = await upload(owner, applicationId, 'gros.pdf', big);
    expect(response.statusCode).toBe(413);
    expect(response.json()).toMatchObject({ code: 'TREMPLIN_ERR_DOCUMENT_TOO_LARGE' });
    expect(response.json().message).toContain('Mo');
  });

  it('takes base64 in JSON too, and caps the documents per application', async () => {
    const send = () =>
      t.app.inject({
        method: 'POST',
        url: `/api/recruitment/applications/${applicationId}/documents?name=certificat.pdf`,
        headers: { cookie: owner },
        payload: { contentBase64: PDF.toString('base64') },
      });
    expect((await send()).statusCode).toBe(201);
    expect((await send()).statusCode).toBe(201);
    const fourth = await send();
    expect(fourth.statusCode).toBe(409);
    expect(fourth.json().code).toBe('TREMPLIN_ERR_TOO_MANY_DOCUMENTS');
  });

  it('serves a document as an attachment to the coordination and its owner only', async () => {
    for (const cookie of [owner, coordinator]) {
      const response = await t.app.inject({
        url: `/api/recruitment/documents/${documentId}`,
        headers: { cookie },
      });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toBe('application/pdf');
      expect(response.headers['content-disposition']).toMatch(/^attachment; filename="scan.pdf"/);
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.rawPayload.equals(PDF)).toBe(true);
    }
    const other = await signUp('Curieux');
    for (const cookie of [other, student]) {
      const response = await t.app.inject({
        url: `/api/recruitment/documents/${documentId}`,
        headers: { cookie },
      });
      expect(response.statusCode).toBe(404);
    }
    expect((await t.app.inject({ url: `/api/recruitment/documents/${documentId}` })).statusCode).toBe(401);
  });

  it('lets a candidate see and attach to their own application only', async () => {
    const other = await signUp('Autre Candidat');
    await apply(other, { studentNumber: 'UL-OTHER-1' });
    const mine = await t.app.inject({ url: '/api/recruitment/my-applications', headers: { cookie: other } });
    expect(mine.json().applications).toHaveLength(1);
    expect(mine.json().applications[0].studentNumber).toBe('UL-OTHER-1');
    expect((await upload(other, applicationId, 'x.pdf', PDF)).statusCode).toBe(404);
    const detail = await t.app.inject({
      url: `/api/recruitment/applications/${applicationId}`,
      headers: { cookie: other },
    });
    expect(detail.statusCode).toBe(403);
  });
});

describe('screening, scoring and deciding', () => {
  let applicationId = '';
  let candidate = '';

  beforeAll(async () => {
    candidate = await signUp('Yawa Retenue');
    applicationId = (await apply(candidate, { universityId: kara, studentNumber: 'UK-2026-7777' })).json().id;
  });

  const review = (cookie: string, scores: Record<string, number>, comment?: string) =>
    t.app.inject({
      method: 'PUT',
      url: `/api/recruitment/applications/${applicationId}/review`,
      headers: { cookie },
      payload: { scores, ...(comment ? { comment } : {}) },
    });

  it('keeps each reviewer’s own scores and shows the mean', async () => {
    expect(
      (await review(coordinator, { maitrise: 5, pedagogie: 4, motivation: 5, numerique: 2 })).statusCode,
    ).toBe(200);
    const second = await review(
      secondCoordinator,
      { maitrise: 3, pedagogie: 4, motivation: 3, numerique: 3 },
      'Bien',
    );
    expect(second.statusCode).toBe(200);
    expect(second.json()).toMatchObject({
      meanScore: 14.5,
      meanByCriterion: { maitrise: 4, numerique: 2.5 },
    });
    expect(second.json().reviews).toHaveLength(2);
    // Scoring again replaces only one's own review.
    const again = await review(coordinator, { maitrise: 5, pedagogie: 5, motivation: 5, numerique: 5 });
    expect(again.json().reviews).toHaveLength(2);
    expect(again.json().meanScore).toBe(16.5);
  });

  it('refuses a score above a criterion’s maximum, a missing or an unknown criterion', async () => {
    const over = await review(coordinator, { maitrise: 6, pedagogie: 5, motivation: 5, numerique: 5 });
    expect(over.statusCode).toBe(400);
    expect(over.json().message).toContain('« Maîtrise de la discipline » va de 0 à 5');
    expect((await review(coordinator, { maitrise: 5 })).statusCode).toBe(400);
    expect(
      (await review(coordinator, { maitrise: 5, pedagogie: 5, motivation: 5, numerique: 5, bonus: 1 }))
        .statusCode,
    ).toBe(400);
  });

  it('lists and filters the applications with the call’s counts', async () => {
    const list = async (query: string) =>
      (
        await t.app.inject({
          url: `/api/recruitment/calls/${callId}/applications?${query}`,
          headers: { cookie: coordinator },
        })
      ).json();
    const all = await list('');
    expect(all.counts.total).toBeGreaterThanOrEqual(3);
    expect(all.applications[0]).toMatchObject({ id: applicationId, meanScore: 16.5, reviewCount: 2 });
    expect((await list('minScore=16&maxScore=17')).applications.map((a: { id: string }) => a.id)).toEqual([
      applicationId,
    ]);
    expect((await list('q=UK-2026-7777')).matching).toBe(1);
    expect((await list('q=Yawa')).applications[0].candidateName).toBe('Yawa Retenue');
    const ineligible = await list('eligible=false');
    expect(ineligible.applications.every((a: { eligible: boolean }) => !a.eligible)).toBe(true);
    expect(ineligible.applications.map((a: { email: string }) => a.email)).toContain(
      'candidat2@tremplin.test',
    );
    expect(
      (await list(`universityId=${kara}&level=master&field=informatique`)).applications.length,
    ).toBeGreaterThan(0);
  });

  it('selects: the candidate joins a training group of the training cohort and its module, audited', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: `/api/recruitment/applications/${applicationId}/decision`,
      headers: { cookie: coordinator },
      payload: { decision: 'selected', note: 'Excellent dossier.' },
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().application).toMatchObject({
      status: 'selected',
      decisionNote: 'Excellent dossier.',
    });
    expect(response.json().trainingGroupName).toBe('Formateurs Lomé-Kara');
    const db = t.database.db;
    const [application] = await db
      .select()
      .from(schema.applications)
      .where(eq(schema.applications.id, applicationId));
    const memberships = await listUserMemberships(db, application!.userId);
    expect(memberships.map((m) => `${m.role}:${m.groupName ?? ''}`).sort()).toEqual([
      'candidate:',
      'student:Formateurs Lomé-Kara',
    ]);
    expect((await listEnrolledModules(db, application!.userId)).map((m) => m.slug)).toEqual([
      'formation-tuteurs',
    ]);
    const [audit] = await listAudit(db, {
      subjectType: 'application',
      subjectId: applicationId,
      action: 'application.select',
      limit: 5,
    });
    expect(audit).toMatchObject({ before: { status: 'submitted' }, reason: 'Excellent dossier.' });
    // The candidate sees the outcome.
    const mine = await t.app.inject({
      url: '/api/recruitment/my-applications',
      headers: { cookie: candidate },
    });
    expect(mine.json().applications[0]).toMatchObject({
      status: 'selected',
      decisionNote: 'Excellent dossier.',
    });
    // Decided once: neither the coordination nor the candidate change it afterwards.
    const twice = await t.app.inject({
      method: 'POST',
      url: `/api/recruitment/applications/${applicationId}/decision`,
      headers: { cookie: secondCoordinator },
      payload: { decision: 'rejected', note: '' },
    });
    expect(twice.statusCode).toBe(409);
    expect((await apply(candidate)).json().code).toBe('TREMPLIN_ERR_ALREADY_DECIDED');
  });

  it('opens a new training group when the groups are full', async () => {
    const db = t.database.db;
    const [cohort] = await db.select().from(schema.cohorts).where(eq(schema.cohorts.kind, 'tutor-training'));
    const [group] = await db.select().from(schema.groups).where(eq(schema.groups.cohortId, cohort!.id));
    // Fill the existing training group up to 17 learners.
    const learners = await db
      .insert(schema.users)
      .values(
        Array.from({ length: 14 }, (_, i) => ({
          email: `remplissage${i}@example.tg`,
          displayName: 'R',
          passwordHash: '!',
        })),
      )
      .returning();
    await db
      .insert(schema.memberships)
      .values(learners.map((u) => ({ userId: u.id, role: 'student' as const, groupId: group!.id })));
    const cookie = await signUp('Komi Nouveau Groupe');
    const id = (await apply(cookie, { universityId: kara })).json().id;
    const response = await t.app.inject({
      method: 'POST',
      url: `/api/recruitment/applications/${id}/decision`,
      headers: { cookie: coordinator },
      payload: { decision: 'selected', note: '' },
    });
    expect(response.json().trainingGroupName).toBe('Formation Kara 2');
  });

  it('rejects with a note, audited; refuses to select an ineligible application', async () => {
    const cookie = await signUp('Edem Refus');
    const id = (await apply(cookie, { level: 'licence' })).json().id;
    const select = await t.app.inject({
      method: 'POST',
      url: `/api/recruitment/applications/${id}/decision`,
      headers: { cookie: coordinator },
      payload: { decision: 'selected', note: '' },
    });
    expect(select.statusCode).toBe(409);
    expect(select.json().code).toBe('TREMPLIN_ERR_NOT_ELIGIBLE');
    const reject = await t.app.inject({
      method: 'POST',
      url: `/api/recruitment/applications/${id}/decision`,
      headers: { cookie: coordinator },
      payload: { decision: 'rejected', note: 'Niveau licence.' },
    });
    expect(reject.json().application.status).toBe('rejected');
    const audit = await listAudit(t.database.db, { subjectId: id, action: 'application.reject', limit: 5 });
    expect(audit).toHaveLength(1);
  });
});

describe('CSV exports', () => {
  const csv = (kind: string) =>
    t.app.inject({
      url: `/api/recruitment/calls/${callId}/exports/${kind}`,
      headers: { cookie: coordinator },
    });

  it('exports the call, the applications and the decisions (BOM, RFC 4180, Lomé times)', async () => {
    const call = await csv('call');
    expect(call.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(call.headers['content-disposition']).toBe('attachment; filename="tuteurs-2027-call.csv"');
    expect(call.body.startsWith('\uFEFFslug,title,opens_at_lome,closes_at_lome')).toBe(true);
    expect(call.body).toContain('2027-06-30 23:59');
    const applications = await csv('applications');
    const lines = applications.body.trimEnd().split('\r\n');
    const listed = await t.app.inject({
      url: `/api/recruitment/calls/${callId}/applications`,
      headers: { cookie: coordinator },
    });
    expect(lines).toHaveLength(listed.json().counts.total + 1);
    expect(applications.body).toContain('candidat2@tremplin.test');
    const decisions = (await csv('decisions')).body.trimEnd().split('\r\n');
    expect(decisions[0]).toBe(
      '\uFEFFapplication_id,name,email,university,field,decision,note,decided_by,decided_at_lome,mean_score',
    );
    expect(
      decisions.slice(1).some((line) => line.includes('Yawa Retenue') && line.includes('selected')),
    ).toBe(true);
    expect(decisions.length - 1).toBe(listed.json().counts.selected + listed.json().counts.rejected);
  });

  it('neutralises a formula a candidate typed and quotes separators', async () => {
    const cookie = await signUp('=HYPERLINK("x"), Evil');
    await apply(cookie);
    const body = (await csv('applications')).body;
    expect(body).toContain(`"'=HYPERLINK(""x""), Evil"`);
  });
});
