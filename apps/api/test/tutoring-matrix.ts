// The tutors' routes in the authorization matrix (authorization.test.ts): a tutor acts on their
// own group and learners; the coordination reads everything and acts on nothing (403); another
// tutor gets 404; a role that never uses these tools gets 403.
import type { FastifyInstance } from 'fastify';

/** The callers of the authorization matrix. */
export type Who =
  | 'anonymous'
  | 'student'
  | 'otherStudent'
  | 'tutor'
  | 'otherTutor'
  | 'author'
  | 'grader'
  | 'coordinator'
  | 'admin'
  | 'candidate';

export interface TutoringFixtures {
  group: string;
  learner: string;
  submission: string;
  /** An exercise of the learner's modules. */
  exercise: string;
  session: string;
  help: { take: string; reply: string; resolve: string; cancel: string };
}

interface Case {
  route: string;
  request: () => { method: 'GET' | 'POST' | 'PUT' | 'PATCH'; url: string; payload?: object };
  expected: Record<Who, number>;
}

/** Help requests of the student (one per action, since resolving one closes it) and an ended session. */
export async function tutoringFixtures(
  app: FastifyInstance,
  ids: { group: string; learner: string; submission: string; exercise: string },
  cookies: { student: string; tutor: string },
): Promise<TutoringFixtures> {
  const ask = async () => {
    const response = await app.inject({
      method: 'POST',
      url: `/api/exercises/${ids.exercise}/help-requests`,
      headers: { cookie: cookies.student },
      payload: { message: 'matrice' },
    });
    return response.json().id as string;
  };
  const help = { take: await ask(), reply: await ask(), resolve: await ask(), cancel: await ask() };
  const started = await app.inject({
    method: 'POST',
    url: `/api/groups/${ids.group}/live-sessions`,
    headers: { cookie: cookies.tutor },
    payload: { title: 'matrice' },
  });
  const session = started.json().id as string;
  await app.inject({
    method: 'PATCH',
    url: `/api/live-sessions/${session}`,
    headers: { cookie: cookies.tutor },
    payload: { ended: true },
  });
  return {
    group: ids.group,
    learner: ids.learner,
    submission: ids.submission,
    exercise: ids.exercise,
    session,
    help,
  };
}

const base = (status: number): Record<Who, number> => ({
  anonymous: 401,
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
/** Read by the group's tutor and the coordination. */
const reads = (ok = 200) => ({ ...base(403), tutor: ok, otherTutor: 404, coordinator: ok, admin: ok });
/** Done by the group's tutor only. */
const acts = (ok: number) => ({ ...base(403), tutor: ok, otherTutor: 404 });

/** The matrix rows of the tutors' routes, over fixtures made in the matrix's set-up. */
export function tutoringCases(fx: () => TutoringFixtures): Case[] {
  const get = (url: () => string) => () => ({ method: 'GET' as const, url: url() });
  return [
    {
      route: 'GET /api/groups/:groupId/modules',
      request: get(() => `/api/groups/${fx().group}/modules`),
      expected: reads(),
    },
    {
      route: 'GET /api/groups/:groupId/progress',
      request: get(() => `/api/groups/${fx().group}/progress?module=programmation-js`),
      expected: reads(),
    },
    {
      route: 'GET /api/groups/:groupId/progress.csv',
      request: get(() => `/api/groups/${fx().group}/progress.csv?module=programmation-js`),
      expected: reads(),
    },
    {
      route: 'GET /api/groups/:groupId/help-requests',
      request: get(() => `/api/groups/${fx().group}/help-requests`),
      expected: reads(),
    },
    {
      route: 'GET /api/groups/:groupId/help-stats',
      request: get(() => `/api/groups/${fx().group}/help-stats`),
      expected: reads(),
    },
    {
      route: 'GET /api/help-stats',
      request: get(() => '/api/help-stats'),
      expected: { ...base(403), coordinator: 200, admin: 200 },
    },
    {
      route: 'GET /api/groups/:groupId/live-sessions',
      request: get(() => `/api/groups/${fx().group}/live-sessions`),
      expected: reads(),
    },
    {
      route: 'GET /api/live-sessions/:sessionId',
      request: get(() => `/api/live-sessions/${fx().session}`),
      expected: reads(),
    },
    {
      route: 'PATCH /api/live-sessions/:sessionId',
      request: () => ({
        method: 'PATCH',
        url: `/api/live-sessions/${fx().session}`,
        payload: { title: 'renommée' },
      }),
      expected: acts(200),
    },
    {
      route: 'POST /api/groups/:groupId/live-sessions',
      request: () => ({
        method: 'POST',
        url: `/api/groups/${fx().group}/live-sessions`,
        payload: { title: 'séance' },
      }),
      expected: acts(201),
    },
    {
      route: 'POST /api/groups/:groupId/messages',
      request: () => ({
        method: 'POST',
        url: `/api/groups/${fx().group}/messages`,
        payload: { body: 'à tous' },
      }),
      expected: acts(201),
    },
    {
      route: 'POST /api/learners/:learnerId/messages',
      request: () => ({
        method: 'POST',
        url: `/api/learners/${fx().learner}/messages`,
        payload: { body: 'à toi' },
      }),
      expected: acts(201),
    },
    {
      route: 'GET /api/learners/:learnerId/activity',
      request: get(() => `/api/learners/${fx().learner}/activity`),
      expected: reads(),
    },
    {
      route: 'GET /api/learners/:learnerId/submissions/:submissionId',
      request: get(() => `/api/learners/${fx().learner}/submissions/${fx().submission}`),
      expected: reads(),
    },
    {
      route: 'GET /api/learners/:learnerId/exercises/:exerciseId',
      request: get(() => `/api/learners/${fx().learner}/exercises/${fx().exercise}`),
      expected: reads(),
    },
    {
      route: 'GET /api/learners/:learnerId/exercises/:exerciseId (unknown)',
      request: get(() => `/api/learners/${fx().learner}/exercises/00000000-0000-4000-8000-000000000000`),
      expected: reads(404),
    },
    {
      route: 'GET /api/learners/:learnerId/draft',
      request: get(() => `/api/learners/${fx().learner}/draft`),
      expected: reads(),
    },
    {
      route: 'GET /api/learners/:learnerId/notes',
      request: get(() => `/api/learners/${fx().learner}/notes`),
      expected: reads(),
    },
    {
      route: 'PUT /api/learners/:learnerId/notes',
      request: () => ({
        method: 'PUT',
        url: `/api/learners/${fx().learner}/notes`,
        payload: { body: 'note' },
      }),
      expected: acts(200),
    },
    {
      route: 'POST /api/submissions/:id/flags',
      request: () => ({
        method: 'POST',
        url: `/api/submissions/${fx().submission}/flags`,
        payload: { reason: 'à revoir' },
      }),
      expected: acts(201),
    },
    {
      route: 'POST /api/help-requests/:helpRequestId/take',
      request: () => ({ method: 'POST', url: `/api/help-requests/${fx().help.take}/take` }),
      expected: acts(200),
    },
    {
      route: 'POST /api/help-requests/:helpRequestId/reply',
      request: () => ({
        method: 'POST',
        url: `/api/help-requests/${fx().help.reply}/reply`,
        payload: { body: 'réponse' },
      }),
      expected: acts(201),
    },
    {
      route: 'POST /api/help-requests/:helpRequestId/resolve',
      request: () => ({ method: 'POST', url: `/api/help-requests/${fx().help.resolve}/resolve` }),
      expected: acts(200),
    },
    {
      // The two tutors are learners too (the tutors' training group): not this learner's request.
      route: 'POST /api/help-requests/:helpRequestId/cancel',
      request: () => ({ method: 'POST', url: `/api/help-requests/${fx().help.cancel}/cancel` }),
      expected: { ...base(403), student: 200, otherStudent: 404, tutor: 404, otherTutor: 404 },
    },
    { route: 'GET /api/me/messages', request: get(() => '/api/me/messages'), expected: base(200) },
    {
      route: 'POST /api/me/messages/read',
      request: () => ({
        method: 'POST',
        url: '/api/me/messages/read',
        payload: { ids: ['00000000-0000-4000-8000-000000000000'] },
      }),
      expected: base(200),
    },
  ];
}
