// Every route, every role: who may call what. A role that never reads a resource gets 403; a
// scope it cannot see (another group, another learner) gets 404 so that existence does not leak.
import { eq } from 'drizzle-orm';
import { createImportBatch, findUserByEmail, hashPassword, listAllGroups, schema } from '@tremplin/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, demoExercise, signIn, type TestApp } from './helper.ts';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { recruitmentCases, recruitmentFixtures, type RecruitmentFixtures } from './recruitment-matrix.ts';
import { tutoringCases, tutoringFixtures, type TutoringFixtures, type Who } from './tutoring-matrix.ts';

const ACCOUNTS: Record<Exclude<Who, 'anonymous'>, string> = {
  student: 'etudiant1@tremplin.test', // Groupe Lomé 1
  otherStudent: 'etudiant20@tremplin.test', // Groupe Kara 1
  tutor: 'tuteur1@tremplin.test', // tutors Groupe Lomé 1
  otherTutor: 'tuteur2@tremplin.test', // tutors Groupe Kara 1
  author: 'auteur@tremplin.test',
  grader: 'correcteur@tremplin.test',
  coordinator: 'coordination@tremplin.test',
  admin: 'admin@tremplin.test',
  candidate: 'candidat1@tremplin.test', // applied to the demo call
};

let t: TestApp;
const cookies = new Map<Who, string>();
let lomeGroup = '';
let lomeStudent = '';
let lessonId = '';
let choiceExercise = '';
let codeExercise = '';
let dictationExercise = '';
let ownSubmission = '';
let ownRun = '';
let cardKey = '';
let tutoring: TutoringFixtures;
/** The structure's and the accounts' fixtures: a tutor, a grader, a module the groups follow. */
const programme = { tutorId: '', graderId: '', moduleId: '', cohortId: '', universityId: '' };
let recruitment: RecruitmentFixtures;
let importId = '';
/** Two open flags on the student's submission: one the grader claims and decides, one nobody holds. */
const review = { decided: '', open: '' };
const unknownId = '00000000-0000-4000-8000-000000000000';

beforeAll(async () => {
  t = await buildTestApp({
    env: {
      DATA_DIR: await mkdtemp(path.join(tmpdir(), 'tremplin-matrix-')),
      RECRUITMENT_SIGN_UPS_PER_ADDRESS_PER_HOUR: '1000',
    },
  });
  const [admin] = await t.database.db
    .insert(schema.users)
    .values({ email: ACCOUNTS.admin, displayName: 'Admin', passwordHash: await hashPassword('admin-pass') })
    .returning();
  await t.database.db.insert(schema.memberships).values({ userId: admin!.id, role: 'admin', groupId: null });
  for (const [who, email] of Object.entries(ACCOUNTS) as Array<[Who, string]>) {
    cookies.set(who, await signIn(t.app, email, who === 'admin' ? 'admin-pass' : undefined));
  }
  lomeGroup = (await listAllGroups(t.database.db)).find((g) => g.name === 'Groupe Lomé 1')!.id;
  lomeStudent = (await findUserByEmail(t.database.db, ACCOUNTS.student))!.id;
  lessonId = (await t.database.db.select().from(schema.lessons).limit(1))[0]!.id;
  choiceExercise = (await demoExercise(t.database, 'const-ou-let')).id;
  codeExercise = (await demoExercise(t.database, 'somme')).id;
  dictationExercise = (await demoExercise(t.database, 'dictee-deploiement')).id;
  const submitted = await t.app.inject({
    method: 'POST',
    url: `/api/exercises/${choiceExercise}/submissions`,
    headers: { cookie: cookies.get('student')! },
    payload: { idempotencyKey: 'matrix-own-0001', answer: { kind: 'choice', selected: [] } },
  });
  ownSubmission = submitted.json().id;
  for (const key of ['decided', 'open'] as const) {
    const [flag] = await t.database.db
      .insert(schema.flags)
      .values({ submissionId: ownSubmission, source: 'sandbox', reason: 'matrice' })
      .returning({ id: schema.flags.id });
    review[key] = flag!.id;
  }
  const ran = await t.app.inject({
    method: 'POST',
    url: `/api/exercises/${codeExercise}/runs`,
    headers: { cookie: cookies.get('student')! },
    payload: { code: '' },
  });
  ownRun = ran.json().id;
  const queue = await t.app.inject({
    url: '/api/vocabulary/queue',
    headers: { cookie: cookies.get('student')! },
  });
  cardKey = queue.json().cards[0].cardKey;
  await studioFixtures(cookies.get('author')!);
  programme.tutorId = (await findUserByEmail(t.database.db, ACCOUNTS.tutor))!.id;
  programme.graderId = (await findUserByEmail(t.database.db, ACCOUNTS.grader))!.id;
  const [lome] = await t.database.db.select().from(schema.groups).where(eq(schema.groups.id, lomeGroup));
  programme.cohortId = lome!.cohortId;
  programme.universityId = lome!.universityId;
  const [js] = await t.database.db
    .select({ id: schema.modules.id })
    .from(schema.modules)
    .where(eq(schema.modules.slug, 'programmation-js'));
  programme.moduleId = js!.id;
  importId = (
    await createImportBatch(t.database.db, {
      kind: 'students',
      fileName: 'matrice.csv',
      content:
        'email;nom;universite;cohorte;groupe\nmatrice@exemple.tg;Matrice;univ-lome;promotion-2026;Groupe Lomé 1\n',
      createdBy: null,
    })
  ).id;
  tutoring = await tutoringFixtures(
    t.app,
    { group: lomeGroup, learner: lomeStudent, submission: ownSubmission, exercise: codeExercise },
    { student: cookies.get('student')!, tutor: cookies.get('tutor')! },
  );
  recruitment = await recruitmentFixtures(t, cookies.get('candidate')!);
});
afterAll(() => t.close());

/** Two modules of the studio: `matrice-studio` with a draft holding one exercise, `matrice-revue` in review. */
async function studioFixtures(cookie: string) {
  const send = async (method: 'POST' | 'PUT', url: string, payload: object) => {
    const response = await t.app.inject({ method, url, headers: { cookie }, payload });
    if (response.statusCode >= 300) throw new Error(`${method} ${url}: ${response.body}`);
    return response.json();
  };
  for (const slug of ['matrice-studio', 'matrice-revue'])
    await send('POST', '/api/studio/modules', {
      slug,
      discipline: 'english',
      title: 'Matrice',
      titleEn: 'Matrix',
    });
  const module = await t.app.inject({ url: '/api/studio/modules/matrice-studio', headers: { cookie } });
  const content = module.json().draft.content;
  content.exercises = [
    {
      slug: 'mot-juste',
      title: 'Le mot juste',
      kind: 'choice',
      prompt: 'Which word?',
      en: { title: 'The right word' },
      hints: [],
      maxScore: 1,
      spec: {
        kind: 'choice',
        multiple: false,
        options: [
          { id: 'a', text: 'deploy', correct: true },
          { id: 'b', text: 'deplot', correct: false },
        ],
      },
    },
  ];
  await send('PUT', '/api/studio/modules/matrice-studio/draft', { revision: 1, content });
  await send('POST', '/api/studio/modules/matrice-revue/draft/submit', {});
}

const importCases = (): RouteCase[] => {
  const coordination = (status: number): Record<Who, number> => ({
    ...everyone(403),
    coordinator: status,
    admin: status,
  });
  const csv = Buffer.from('email;nom;universite;cohorte;groupe\n').toString('base64');
  return [
    {
      route: 'POST /api/imports',
      request: () => ({ method: 'POST', url: '/api/imports?kind=students', payload: { csvBase64: csv } }),
      expected: coordination(201),
    },
    {
      route: 'GET /api/imports',
      request: () => ({ method: 'GET', url: '/api/imports' }),
      expected: coordination(200),
    },
    {
      route: 'GET /api/imports/:importId',
      request: () => ({ method: 'GET', url: `/api/imports/${importId}` }),
      expected: coordination(200),
    },
    {
      route: 'POST /api/imports/:importId/apply',
      request: () => ({ method: 'POST', url: `/api/imports/${unknownId}/apply`, payload: { mode: 'all' } }),
      expected: coordination(404),
    },
    {
      route: 'POST /api/imports/:importId/activation-links (not applied yet)',
      request: () => ({ method: 'POST', url: `/api/imports/${importId}/activation-links` }),
      expected: coordination(409),
    },
  ];
};

/** The graders' queue: graders and admins only (the coordination reads the audit log instead). */
const reviewCases = (): RouteCase[] => {
  const graders = (grader: number, admin = grader): Record<Who, number> => ({
    ...everyone(403),
    grader,
    admin,
  });
  return [
    {
      route: 'GET /api/reviews',
      request: () => ({ method: 'GET', url: '/api/reviews?view=open&source=sandbox' }),
      expected: graders(200),
    },
    {
      route: 'GET /api/reviews/:flagId',
      request: () => ({ method: 'GET', url: `/api/reviews/${review.decided}` }),
      expected: graders(200),
    },
    {
      // The grader claims first; the admin then meets the grader's claim.
      route: 'POST /api/reviews/:flagId/claim',
      request: () => ({ method: 'POST', url: `/api/reviews/${review.decided}/claim` }),
      expected: graders(200, 409),
    },
    {
      route: 'DELETE /api/reviews/:flagId/claim',
      request: () => ({ method: 'DELETE', url: `/api/reviews/${review.open}/claim` }),
      expected: graders(204),
    },
    {
      // The grader holds the claim and decides; the flag is decided when the admin comes.
      route: 'POST /api/reviews/:flagId/decision',
      request: () => ({
        method: 'POST',
        url: `/api/reviews/${review.decided}/decision`,
        payload: { decision: 'dismissed', comment: 'Rien à signaler.' },
      }),
      expected: graders(200, 409),
    },
  ];
};

const studioCases = (): RouteCase[] => {
  const authors = (status: number): Record<Who, number> => ({
    ...everyone(403),
    author: status,
    coordinator: status,
    admin: status,
  });
  const studio = '/api/studio/modules';
  return [
    { route: `GET ${studio}`, request: () => ({ method: 'GET', url: studio }), expected: authors(200) },
    {
      route: `POST ${studio}`,
      request: () => ({
        method: 'POST',
        url: studio,
        payload: { slug: 'matrice-studio', discipline: 'english', title: 'Doublon', titleEn: 'Duplicate' },
      }),
      expected: authors(409),
    },
    {
      route: `GET ${studio}/:slug`,
      request: () => ({ method: 'GET', url: `${studio}/matrice-studio` }),
      expected: authors(200),
    },
    {
      route: `POST ${studio}/:slug/drafts`,
      request: () => ({ method: 'POST', url: `${studio}/matrice-studio/drafts` }),
      expected: authors(409),
    },
    {
      route: `PUT ${studio}/:slug/draft`,
      request: () => ({
        method: 'PUT',
        url: `${studio}/matrice-studio/draft`,
        payload: {
          revision: 1,
          content: {
            slug: 'matrice-studio',
            discipline: 'english',
            title: 'Périmé',
            summary: '',
            en: { title: 'Stale', summary: '' },
            lessons: [],
            exercises: [],
          },
        },
      }),
      expected: authors(409),
    },
    {
      route: `POST ${studio}/:slug/draft/validate`,
      request: () => ({ method: 'POST', url: `${studio}/matrice-studio/draft/validate` }),
      expected: authors(200),
    },
    {
      route: `GET ${studio}/:slug/draft/exercises/:exercise/preview`,
      request: () => ({ method: 'GET', url: `${studio}/matrice-studio/draft/exercises/mot-juste/preview` }),
      expected: authors(200),
    },
    {
      route: `POST ${studio}/:slug/draft/exercises/:exercise/run`,
      request: () => ({
        method: 'POST',
        url: `${studio}/matrice-studio/draft/exercises/mot-juste/run`,
        payload: { answer: { kind: 'choice', selected: ['a'] } },
      }),
      expected: authors(200),
    },
    // Steps of a version's life, asked where they cannot happen: the same answer for every author.
    {
      route: `POST ${studio}/:slug/draft/submit`,
      request: () => ({ method: 'POST', url: `${studio}/matrice-revue/draft/submit`, payload: {} }),
      expected: authors(409),
    },
    {
      route: `POST ${studio}/:slug/draft/return`,
      request: () => ({ method: 'POST', url: `${studio}/matrice-studio/draft/return`, payload: {} }),
      expected: authors(409),
    },
    {
      route: `POST ${studio}/:slug/draft/publish`,
      request: () => ({
        method: 'POST',
        url: `${studio}/matrice-studio/draft/publish`,
        payload: { note: 'v1' },
      }),
      expected: authors(409),
    },
    {
      route: `GET ${studio}/:slug/versions/:version`,
      request: () => ({ method: 'GET', url: `${studio}/programmation-js/versions/1` }),
      expected: authors(200),
    },
    {
      route: `POST ${studio}/:slug/versions/:version/archive`,
      request: () => ({ method: 'POST', url: `${studio}/programmation-js/versions/99/archive`, payload: {} }),
      expected: authors(404),
    },
    {
      route: `GET ${studio}/:slug/versions/:version/export.zip`,
      request: () => ({ method: 'GET', url: `${studio}/ia-fondamentaux/versions/1/export.zip` }),
      expected: authors(200),
    },
    {
      route: `GET ${studio}/:slug/diff`,
      request: () => ({ method: 'GET', url: `${studio}/programmation-js/diff?from=1&to=1` }),
      expected: authors(200),
    },
    {
      route: 'POST /api/studio/import',
      request: () => ({
        method: 'POST',
        url: '/api/studio/import',
        payload: { zipBase64: Buffer.from('not a zip').toString('base64') },
      }),
      expected: authors(400),
    },
  ];
};

interface RouteCase {
  route: string;
  request: () => {
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
    url: string;
    payload?: object;
    /** The peer's address (default: this machine). */
    remoteAddress?: string;
  };
  expected: Record<Who, number>;
}

const everyone = (status: number, anonymous = 401): Record<Who, number> => ({
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

const CASES: RouteCase[] = [
  // Outside the API: no role opens the metrics, only the peer's address (or METRICS_TOKEN) does.
  {
    route: 'GET /metrics (from this machine)',
    request: () => ({ method: 'GET', url: '/metrics' }),
    expected: everyone(200, 200),
  },
  {
    route: 'GET /metrics (from another machine)',
    request: () => ({ method: 'GET', url: '/metrics', remoteAddress: '10.0.0.7' }),
    expected: everyone(404, 404),
  },
  {
    route: 'GET /api/health',
    request: () => ({ method: 'GET', url: '/api/health' }),
    expected: everyone(200, 200),
  },
  { route: 'GET /api/me', request: () => ({ method: 'GET', url: '/api/me' }), expected: everyone(200) },
  {
    route: 'GET /api/accounts/sign-in-failures',
    request: () => ({ method: 'GET', url: `/api/accounts/sign-in-failures?email=${ACCOUNTS.student}` }),
    expected: { ...everyone(403), coordinator: 200, admin: 200 },
  },
  {
    route: 'PUT /api/me/locale',
    request: () => ({ method: 'PUT', url: '/api/me/locale', payload: { locale: 'fr' } }),
    expected: everyone(200),
  },
  {
    route: 'POST /api/me/synced',
    request: () => ({ method: 'POST', url: '/api/me/synced' }),
    // Tutors learn too (the tutors' training): a learner is whoever holds the student role.
    expected: { ...everyone(403), student: 200, otherStudent: 200, tutor: 200, otherTutor: 200 },
  },
  {
    route: 'GET /api/groups',
    request: () => ({ method: 'GET', url: '/api/groups' }),
    expected: { ...everyone(403), tutor: 200, otherTutor: 200, coordinator: 200, admin: 200 },
  },
  {
    route: 'GET /api/groups/:groupId',
    request: () => ({ method: 'GET', url: `/api/groups/${lomeGroup}` }),
    expected: { ...everyone(403), tutor: 200, otherTutor: 404, coordinator: 200, admin: 200 },
  },
  {
    route: 'GET /api/groups/:groupId (unknown)',
    request: () => ({ method: 'GET', url: `/api/groups/${unknownId}` }),
    expected: { ...everyone(403), tutor: 404, otherTutor: 404, coordinator: 404, admin: 404 },
  },
  {
    route: 'GET /api/groups/:groupId/learners',
    request: () => ({ method: 'GET', url: `/api/groups/${lomeGroup}/learners` }),
    expected: { ...everyone(403), tutor: 200, otherTutor: 404, coordinator: 200, admin: 200 },
  },
  {
    route: 'GET /api/learners/:learnerId',
    request: () => ({ method: 'GET', url: `/api/learners/${lomeStudent}` }),
    expected: {
      ...everyone(403),
      student: 200,
      otherStudent: 404,
      tutor: 200,
      otherTutor: 404,
      coordinator: 200,
      admin: 200,
    },
  },
  {
    route: 'GET /api/learners/:learnerId (unknown)',
    request: () => ({ method: 'GET', url: `/api/learners/${unknownId}` }),
    expected: {
      ...everyone(403),
      student: 404,
      otherStudent: 404,
      tutor: 404,
      otherTutor: 404,
      coordinator: 404,
      admin: 404,
    },
  },
  // The student's path: a learner enrolled in the modules (both students here); anyone else is not.
  {
    route: 'GET /api/modules',
    request: () => ({ method: 'GET', url: '/api/modules' }),
    expected: everyone(200),
  },
  {
    route: 'GET /api/modules/:slug',
    request: () => ({ method: 'GET', url: '/api/modules/programmation-js' }),
    expected: { ...everyone(404), student: 200, otherStudent: 200 },
  },
  {
    route: 'GET /api/modules/:slug/offline',
    request: () => ({ method: 'GET', url: '/api/modules/programmation-js/offline' }),
    expected: { ...everyone(404), student: 200, otherStudent: 200 },
  },
  {
    route: 'GET /api/lessons/:id',
    request: () => ({ method: 'GET', url: `/api/lessons/${lessonId}` }),
    expected: { ...everyone(403), student: 200, otherStudent: 200 },
  },
  {
    route: 'POST /api/lessons/:id/read',
    request: () => ({ method: 'POST', url: `/api/lessons/${lessonId}/read` }),
    expected: { ...everyone(403), student: 204, otherStudent: 204 },
  },
  {
    route: 'GET /api/me/progress',
    request: () => ({ method: 'GET', url: '/api/me/progress' }),
    expected: everyone(200),
  },
  {
    route: 'GET /api/me/home',
    request: () => ({ method: 'GET', url: '/api/me/home' }),
    expected: everyone(200),
  },
  {
    route: 'GET /api/vocabulary/queue',
    request: () => ({ method: 'GET', url: '/api/vocabulary/queue' }),
    expected: everyone(200),
  },
  {
    route: 'GET /api/me/glossary',
    request: () => ({ method: 'GET', url: '/api/me/glossary' }),
    expected: everyone(200),
  },
  {
    route: 'POST /api/vocabulary/reviews',
    request: () => ({ method: 'POST', url: '/api/vocabulary/reviews', payload: { cardKey, rating: 3 } }),
    expected: { ...everyone(404), student: 200, otherStudent: 200 },
  },
  {
    route: 'GET /api/exercises/:id',
    request: () => ({ method: 'GET', url: `/api/exercises/${codeExercise}` }),
    expected: { ...everyone(403), student: 200, otherStudent: 200 },
  },
  {
    route: 'PUT /api/exercises/:id/draft',
    request: () => ({
      method: 'PUT',
      url: `/api/exercises/${codeExercise}/draft`,
      payload: { code: '// x' },
    }),
    expected: { ...everyone(403), student: 200, otherStudent: 200 },
  },
  {
    route: 'POST /api/exercises/:id/runs',
    request: () => ({ method: 'POST', url: `/api/exercises/${codeExercise}/runs`, payload: { code: '' } }),
    expected: { ...everyone(403), student: 200, otherStudent: 200 },
  },
  {
    route: 'POST /api/exercises/:id/submissions',
    request: () => ({
      method: 'POST',
      url: `/api/exercises/${choiceExercise}/submissions`,
      payload: { idempotencyKey: 'matrix-0000001', answer: { kind: 'choice', selected: [] } },
    }),
    expected: { ...everyone(403), student: 202, otherStudent: 202 },
  },
  {
    route: 'GET /api/exercises/:id/submissions',
    request: () => ({ method: 'GET', url: `/api/exercises/${choiceExercise}/submissions` }),
    expected: { ...everyone(403), student: 200, otherStudent: 200 },
  },
  {
    route: 'GET /api/submissions/:id',
    request: () => ({ method: 'GET', url: `/api/submissions/${ownSubmission}` }),
    expected: { ...everyone(404), student: 200 },
  },
  {
    // A blank comment: the owner gets 400 (whatever the grading's progress), anyone else 404.
    route: 'POST /api/submissions/:id/appeal',
    request: () => ({
      method: 'POST',
      url: `/api/submissions/${ownSubmission}/appeal`,
      payload: { comment: '   ' },
    }),
    expected: { ...everyone(404), student: 400 },
  },
  {
    route: 'GET /api/me/notifications',
    request: () => ({ method: 'GET', url: '/api/me/notifications' }),
    expected: everyone(200),
  },
  {
    route: 'POST /api/me/notifications/read',
    request: () => ({ method: 'POST', url: '/api/me/notifications/read', payload: { ids: [] } }),
    expected: everyone(200),
  },
  {
    route: 'GET /api/runs/:id',
    request: () => ({ method: 'GET', url: `/api/runs/${ownRun}` }),
    expected: { ...everyone(404), student: 200 },
  },
  {
    route: 'POST /api/exercises/:id/dictation/play',
    request: () => ({ method: 'POST', url: `/api/exercises/${dictationExercise}/dictation/play` }),
    expected: { ...everyone(403), student: 200, otherStudent: 200 },
  },
  {
    route: 'POST /api/exercises/:id/help-requests',
    request: () => ({
      method: 'POST',
      url: `/api/exercises/${codeExercise}/help-requests`,
      payload: { message: '' },
    }),
    expected: { ...everyone(403), student: 201, otherStudent: 201 },
  },
  {
    route: 'GET /api/dashboard',
    request: () => ({ method: 'GET', url: '/api/dashboard' }),
    expected: { ...everyone(403), tutor: 200, otherTutor: 200, coordinator: 200, admin: 200 },
  },
  {
    route: 'GET /api/groups/:groupId/gradebook',
    request: () => ({ method: 'GET', url: `/api/groups/${lomeGroup}/gradebook` }),
    expected: { ...everyone(403), tutor: 200, otherTutor: 404, coordinator: 200, admin: 200 },
  },
  {
    route: 'GET /api/groups/:groupId/gradebook.csv',
    request: () => ({ method: 'GET', url: `/api/groups/${lomeGroup}/gradebook.csv` }),
    expected: { ...everyone(403), tutor: 200, otherTutor: 404, coordinator: 200, admin: 200 },
  },
  {
    route: 'GET /api/learners/:learnerId/report',
    request: () => ({ method: 'GET', url: `/api/learners/${lomeStudent}/report` }),
    expected: { ...everyone(403), tutor: 200, otherTutor: 404, coordinator: 200, admin: 200 },
  },
  ...tutoringCases(() => tutoring),
  ...reviewCases(),
  ...studioCases(),
  ...recruitmentCases(() => recruitment),
  ...importCases(),
  {
    route: 'POST /api/auth/logout',
    request: () => ({ method: 'POST', url: '/api/auth/logout' }),
    expected: everyone(204, 204),
  },
  // The programme's structure: the coordination only; a learner's moves as their profile.
  ...programmeCases(),
  // The grading queue's dead jobs: the administrators only.
  {
    route: 'GET /api/admin/grading/jobs',
    request: () => ({ method: 'GET', url: '/api/admin/grading/jobs?state=failed' }),
    expected: { ...everyone(403), admin: 200 },
  },
  {
    route: 'POST /api/admin/grading/jobs/:id/retry',
    request: () => ({ method: 'POST', url: '/api/admin/grading/jobs/987654321/retry' }),
    expected: { ...everyone(403), admin: 404 },
  },
];

describe.each(CASES)('$route', ({ request, expected }) => {
  it.each(Object.keys(expected) as Who[])('answers %s as expected', async (who) => {
    const { method, url, payload, remoteAddress } = request();
    const cookie = cookies.get(who);
    // Sign-out would end the shared sessions: each caller signs out from a fresh session.
    const headers =
      url === '/api/auth/logout' && who !== 'anonymous'
        ? { cookie: await signIn(t.app, ACCOUNTS[who], who === 'admin' ? 'admin-pass' : undefined) }
        : cookie
          ? { cookie }
          : {};
    const response = await t.app.inject({
      method,
      url,
      headers,
      ...(payload ? { payload } : {}),
      ...(remoteAddress ? { remoteAddress } : {}),
    });
    expect(response.statusCode, `${who} ${method} ${url}: ${response.body}`).toBe(expected[who]);
    if (response.statusCode >= 400) expect(response.json()).toHaveProperty('code');
  });
});

function programmeCases(): RouteCase[] {
  const coordination = (status: number): Record<Who, number> => ({
    ...everyone(403),
    coordinator: status,
    admin: status,
  });
  const groupModule = () => `/api/programme/groups/${lomeGroup}/modules/${programme.moduleId}`;
  const reset = { ...everyone(410), anonymous: 410 };
  return [
    {
      route: 'GET /api/programme/structure',
      request: () => ({ method: 'GET', url: '/api/programme/structure' }),
      expected: coordination(200),
    },
    {
      route: 'POST /api/programme/cohorts',
      request: () => ({
        method: 'POST',
        url: '/api/programme/cohorts',
        payload: {
          slug: 'matrice',
          name: 'Matrice',
          kind: 'students',
          startsOn: '2027-02-01',
          endsOn: '2027-01-01',
        },
      }),
      expected: coordination(400),
    },
    {
      route: 'POST /api/programme/groups',
      request: () => ({
        method: 'POST',
        url: '/api/programme/groups',
        payload: {
          name: 'Groupe Lomé 1',
          universityId: programme.universityId,
          cohortId: programme.cohortId,
        },
      }),
      expected: coordination(409),
    },
    {
      route: 'PUT /api/programme/groups/:groupId/tutors',
      request: () => ({
        method: 'PUT',
        url: `/api/programme/groups/${lomeGroup}/tutors`,
        payload: { tutorIds: [programme.tutorId] },
      }),
      expected: coordination(200),
    },
    {
      route: 'POST /api/programme/moves',
      request: () => ({
        method: 'POST',
        url: '/api/programme/moves',
        payload: { learnerId: lomeStudent, toGroupId: lomeGroup },
      }),
      expected: coordination(409),
    },
    {
      route: 'PUT /api/programme/groups/:groupId/modules/:moduleId',
      request: () => ({ method: 'PUT', url: groupModule(), payload: { dueAt: null } }),
      expected: coordination(200),
    },
    {
      route: 'PATCH /api/programme/groups/:groupId/modules/:moduleId',
      request: () => ({ method: 'PATCH', url: groupModule(), payload: { dueAt: null } }),
      expected: coordination(200),
    },
    {
      route: 'GET /api/learners/:learnerId/moves',
      request: () => ({ method: 'GET', url: `/api/learners/${lomeStudent}/moves` }),
      expected: {
        ...everyone(403),
        student: 200,
        otherStudent: 404,
        tutor: 200,
        otherTutor: 404,
        coordinator: 200,
        admin: 200,
      },
    },
    {
      route: 'GET /api/accounts',
      request: () => ({ method: 'GET', url: '/api/accounts?q=tremplin&role=student' }),
      expected: coordination(200),
    },
    {
      route: 'POST /api/accounts/:userId/disable',
      request: () => ({ method: 'POST', url: `/api/accounts/${unknownId}/disable`, payload: {} }),
      expected: coordination(404),
    },
    {
      route: 'POST /api/accounts/:userId/enable',
      request: () => ({ method: 'POST', url: `/api/accounts/${lomeStudent}/enable`, payload: {} }),
      expected: coordination(200),
    },
    {
      route: 'POST /api/accounts/:userId/reset-link',
      request: () => ({ method: 'POST', url: `/api/accounts/${programme.graderId}/reset-link`, payload: {} }),
      expected: coordination(201),
    },
    {
      route: 'PUT /api/accounts/:userId/roles',
      request: () => ({
        method: 'PUT',
        url: `/api/accounts/${programme.graderId}/roles`,
        payload: { roles: ['grader'] },
      }),
      expected: coordination(200),
    },
    {
      route: 'GET /api/audit',
      request: () => ({ method: 'GET', url: '/api/audit?subjectType=group' }),
      expected: coordination(200),
    },
    {
      route: 'GET /api/audit/export',
      request: () => ({ method: 'GET', url: '/api/audit/export' }),
      expected: coordination(200),
    },
    {
      route: 'GET /api/auth/reset/:token',
      request: () => ({ method: 'GET', url: `/api/auth/reset/${'a'.repeat(43)}` }),
      expected: reset,
    },
    {
      route: 'POST /api/auth/reset',
      request: () => ({
        method: 'POST',
        url: '/api/auth/reset',
        payload: { token: 'a'.repeat(43), password: 'un mot de passe assez long' },
      }),
      expected: reset,
    },
  ];
}

describe('the matrix', () => {
  it('covers every route the API documents', async () => {
    const docs = (await t.app.inject({ url: '/api/docs/json' })).json() as { paths: Record<string, object> };
    const documented = Object.entries(docs.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((m) => `${m.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`),
    );
    const covered = new Set([...CASES.map((c) => c.route.replace(/ \(.*\)$/, '')), 'POST /api/auth/login']);
    expect(documented.filter((route) => !covered.has(route))).toEqual([]);
    // The metrics live outside the API and its documentation.
    const apiCases = CASES.filter((c) => c.route.split(' ')[1]!.startsWith('/api/'));
    expect(documented.length).toBeGreaterThanOrEqual(apiCases.length - 2);
  });
});

describe('what each role sees', () => {
  it('gives a tutor only their own groups and a coordinator all of them', async () => {
    const asTutor = await t.app.inject({ url: '/api/groups', headers: { cookie: cookies.get('tutor')! } });
    expect(asTutor.json().groups.map((g: { name: string }) => g.name)).toEqual(['Groupe Lomé 1']);
    expect(asTutor.json().groups[0]).toMatchObject({ learnerCount: 17, tutorName: 'Kodjo Amenyo' });
    const asCoordinator = await t.app.inject({
      url: '/api/groups',
      headers: { cookie: cookies.get('coordinator')! },
    });
    expect(
      asCoordinator
        .json()
        .groups.map((g: { name: string }) => g.name)
        .sort(),
    ).toEqual(['Formateurs Lomé-Kara', 'Groupe Kara 1', 'Groupe Lomé 1']);
  });

  it("lists a tutor's 17 learners", async () => {
    const response = await t.app.inject({
      url: `/api/groups/${lomeGroup}/learners`,
      headers: { cookie: cookies.get('tutor')! },
    });
    expect(response.json().learners).toHaveLength(17);
    expect(response.json().learners.map((l: { email: string }) => l.email)).toContain(ACCOUNTS.student);
  });

  it('rejects a malformed id with 400 naming the parameter', async () => {
    const response = await t.app.inject({
      url: '/api/groups/not-a-uuid',
      headers: { cookie: cookies.get('tutor')! },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().field).toBe('groupId');
  });
});
