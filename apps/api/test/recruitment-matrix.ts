// The recruitment's routes in the authorization matrix (authorization.test.ts): the calls are public;
// a candidate acts on their own application only (someone else's is 404); the coordination screens,
// scores, decides and exports; every other role gets 403.
import { schema } from '@tremplin/db';
import { eq } from 'drizzle-orm';
import type { TestApp } from './helper.ts';
import type { Who } from './tutoring-matrix.ts';

export interface RecruitmentFixtures {
  /** A call of the matrix's own, open until 2099 (the demo call's deadline must not age the matrix). */
  call: string;
  callBody: Record<string, unknown>;
  /** The demo candidate's application to it, and a document attached to it. */
  application: string;
  document: string;
  /** The demo's ineligible application: selecting it is refused the same way to every coordinator. */
  ineligible: string;
}

const PDF_BASE64 = Buffer.from('%PDF-1.4\n%%EOF\n', 'latin1').toString('base64');

export async function recruitmentFixtures(t: TestApp, candidateCookie: string): Promise<RecruitmentFixtures> {
  const db = t.database.db;
  const [demo] = await db.select().from(schema.tutorCalls);
  const { id: _id, createdAt: _at, createdBy: _by, ...values } = demo!;
  const [call] = await db
    .insert(schema.tutorCalls)
    .values({
      ...values,
      slug: 'matrice-appel',
      opensAt: new Date('2020-01-01T00:00:00Z'),
      closesAt: new Date('2099-12-31T23:59:00Z'),
    })
    .returning();
  const applied = await t.app.inject({
    method: 'PUT',
    url: `/api/recruitment/calls/${call!.id}/application`,
    headers: { cookie: candidateCookie },
    payload: {
      universityId: call!.universityIds[0],
      level: 'master',
      field: 'informatique',
      studentNumber: 'MATRICE-001',
      motivation: 'Une motivation assez longue pour passer la validation du formulaire de candidature.',
    },
  });
  if (applied.statusCode !== 200) throw new Error(`matrix application: ${applied.body}`);
  const application = applied.json().id as string;
  const uploaded = await t.app.inject({
    method: 'POST',
    url: `/api/recruitment/applications/${application}/documents?name=cv.pdf`,
    headers: { cookie: candidateCookie },
    payload: { contentBase64: PDF_BASE64 },
  });
  if (uploaded.statusCode !== 201) throw new Error(`matrix document: ${uploaded.body}`);
  const [ineligible] = await db
    .select({ id: schema.applications.id })
    .from(schema.applications)
    .where(eq(schema.applications.eligible, false));
  return {
    call: call!.id,
    callBody: {
      slug: 'matrice-appel',
      title: call!.title,
      bodyMd: call!.bodyMd,
      opensAt: call!.opensAt.toISOString(),
      closesAt: call!.closesAt.toISOString(),
      seats: call!.seats,
      universityIds: call!.universityIds,
      levels: call!.levels,
      fields: call!.fields,
      rubric: call!.rubric,
      trainingCohortId: call!.trainingCohortId,
    },
    application,
    document: uploaded.json().id as string,
    ineligible: ineligible!.id,
  };
}

const all = (status: number, anonymous = 401): Record<Who, number> => ({
  anonymous,
  student: status,
  otherStudent: status,
  tutor: status,
  otherTutor: status,
  author: status,
  grader: status,
  coordinator: status,
  admin: status,
  candidate: status,
});
/** The coordination's: coordinators and admins. */
const coordination = (ok: number) => ({ ...all(403), coordinator: ok, admin: ok });

export function recruitmentCases(fx: () => RecruitmentFixtures) {
  const base = '/api/recruitment';
  return [
    {
      route: `GET ${base}/calls`,
      request: () => ({ method: 'GET' as const, url: `${base}/calls` }),
      expected: all(200, 200),
    },
    {
      route: `GET ${base}/calls/:id`,
      request: () => ({ method: 'GET' as const, url: `${base}/calls/${fx().call}` }),
      expected: all(200, 200),
    },
    {
      // The slug is taken: the coordination gets the conflict, after its right to open calls is checked.
      route: `POST ${base}/calls`,
      request: () => ({ method: 'POST' as const, url: `${base}/calls`, payload: fx().callBody }),
      expected: coordination(409),
    },
    {
      route: `PUT ${base}/calls/:id`,
      request: () => ({ method: 'PUT' as const, url: `${base}/calls/${fx().call}`, payload: fx().callBody }),
      expected: coordination(200),
    },
    {
      // An address already taken: the same answer to everyone (the sign-up is public).
      route: `POST ${base}/sign-up`,
      request: () => ({
        method: 'POST' as const,
        url: `${base}/sign-up`,
        payload: {
          email: 'candidat1@tremplin.test',
          displayName: 'Doublon',
          password: 'une phrase de passe',
        },
      }),
      expected: all(409, 409),
    },
    {
      route: `GET ${base}/my-applications`,
      request: () => ({ method: 'GET' as const, url: `${base}/my-applications` }),
      expected: all(200),
    },
    {
      route: `PUT ${base}/calls/:id/application`,
      request: () => ({
        method: 'PUT' as const,
        url: `${base}/calls/${fx().call}/application`,
        payload: {
          universityId: (fx().callBody.universityIds as string[])[0],
          level: 'master',
          field: 'informatique',
          studentNumber: 'MATRICE-001',
          motivation: 'Une motivation assez longue pour passer la validation du formulaire de candidature.',
        },
      }),
      expected: { ...all(403), candidate: 200 },
    },
    {
      route: `POST ${base}/applications/:id/documents`,
      request: () => ({
        method: 'POST' as const,
        url: `${base}/applications/${fx().application}/documents?name=lettre.pdf`,
        payload: { contentBase64: PDF_BASE64 },
      }),
      expected: { ...all(404), candidate: 201 },
    },
    {
      route: `GET ${base}/documents/:id`,
      request: () => ({ method: 'GET' as const, url: `${base}/documents/${fx().document}` }),
      expected: { ...all(404), coordinator: 200, admin: 200, candidate: 200 },
    },
    {
      route: `GET ${base}/calls/:id/applications`,
      request: () => ({ method: 'GET' as const, url: `${base}/calls/${fx().call}/applications` }),
      expected: coordination(200),
    },
    {
      route: `GET ${base}/applications/:id`,
      request: () => ({ method: 'GET' as const, url: `${base}/applications/${fx().application}` }),
      expected: coordination(200),
    },
    {
      route: `PUT ${base}/applications/:id/review`,
      request: () => ({
        method: 'PUT' as const,
        url: `${base}/applications/${fx().application}/review`,
        payload: { scores: { maitrise: 3, pedagogie: 3, motivation: 3, numerique: 3 } },
      }),
      expected: coordination(200),
    },
    {
      route: `POST ${base}/applications/:id/decision`,
      request: () => ({
        method: 'POST' as const,
        url: `${base}/applications/${fx().ineligible}/decision`,
        payload: { decision: 'selected', note: '' },
      }),
      expected: coordination(409),
    },
    {
      route: `GET ${base}/calls/:id/exports/:kind`,
      request: () => ({ method: 'GET' as const, url: `${base}/calls/${fx().call}/exports/applications` }),
      expected: coordination(200),
    },
  ];
}
