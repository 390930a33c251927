// Classes of input that a schema's loose format lets through but PostgreSQL or JavaScript cannot hold:
// each gets the platform's 400 naming the field, in the user's language, and nothing is stored.
import { randomUUID } from 'node:crypto';
import { findUserByEmail, listAllGroups, schema } from '@tremplin/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, demoExercise, signIn, type TestApp } from './helper.ts';

let t: TestApp;
let student = '';
let tutor = '';
let somme = '';
let lome = '';
let learnerId = '';

beforeAll(async () => {
  t = await buildTestApp();
  student = await signIn(t.app, 'etudiant1@tremplin.test');
  tutor = await signIn(t.app, 'tuteur1@tremplin.test');
  somme = (await demoExercise(t.database, 'somme')).id;
  lome = (await listAllGroups(t.database.db)).find((g) => g.name === 'Groupe Lomé 1')!.id;
  learnerId = (await findUserByEmail(t.database.db, 'etudiant1@tremplin.test'))!.id;
});
afterAll(() => t.close());

type Method = 'GET' | 'POST' | 'PUT';
async function call(cookie: string, method: Method, url: string, payload?: unknown, locale = 'fr') {
  return t.app.inject({
    method,
    url,
    headers: {
      cookie,
      'accept-language': locale,
      ...(payload === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(payload === undefined ? {} : { payload: JSON.stringify(payload) }),
  });
}

function expectValidationError(response: { statusCode: number; json(): unknown }, field: string) {
  expect(response.statusCode).toBe(400);
  expect(response.json()).toMatchObject({ code: 'TREMPLIN_ERR_VALIDATION', field });
}

const ID = '7d444840-9dc0-11d1-b245-5ffdce74fad2';

describe('ids', () => {
  it.each([
    `urn:uuid:${ID}`,
    `{${ID}}`,
    ID.replaceAll('-', ''),
    `${ID}\n`,
    '00000000-0000-0000-0000-00000000000g',
  ])('refuses %j in a path with a 400 naming the id', async (id) => {
    const response = await call(student, 'GET', `/api/exercises/${encodeURIComponent(id)}`);
    expectValidationError(response, 'id');
    expect((response.json() as { message: string }).message).toContain('un identifiant valide');
  });

  it('refuses a malformed id in a list of ids in a body', async () => {
    const response = await call(student, 'POST', '/api/me/messages/read', { ids: [ID, `urn:uuid:${ID}`] });
    expectValidationError(response, 'ids.1');
  });

  it('still accepts a well-formed id, in any case', async () => {
    const response = await call(student, 'GET', `/api/exercises/${somme.toUpperCase()}`);
    expect(response.statusCode).toBe(200);
  });
});

describe('texts PostgreSQL cannot store', () => {
  it.each([
    ['a NUL character', 'export const x = 1;\u0000'],
    ['a lone high surrogate', 'export const x = "\ud800";'],
    ['a lone low surrogate', 'export const x = "\udc00";'],
  ])('refuses %s in a draft, and keeps the draft saved before', async (_what, code) => {
    const saved = await call(student, 'PUT', `/api/exercises/${somme}/draft`, {
      code: 'export const kept = 1;',
    });
    expect(saved.statusCode).toBe(200);
    const response = await call(student, 'PUT', `/api/exercises/${somme}/draft`, { code }, 'en');
    expectValidationError(response, 'code');
    expect((response.json() as { message: string }).message).toContain('a NUL character or half of a UTF-16');
    const exercise = await call(student, 'GET', `/api/exercises/${somme}`);
    expect(exercise.json().draft.code).toBe('export const kept = 1;');
  });

  it('refuses a NUL in a submission’s idempotency key and stores no submission', async () => {
    const user = (await findUserByEmail(t.database.db, 'etudiant1@tremplin.test'))!;
    const before = await t.database.db
      .select()
      .from(schema.submissions)
      .where(eq(schema.submissions.userId, user.id));
    const response = await call(student, 'POST', `/api/exercises/${somme}/submissions`, {
      idempotencyKey: `key-${randomUUID()}\u0000`,
      code: 'export function somme() {}',
    });
    expectValidationError(response, 'idempotencyKey');
    const after = await t.database.db
      .select()
      .from(schema.submissions)
      .where(eq(schema.submissions.userId, user.id));
    expect(after.length).toBe(before.length);
  });

  it('refuses a lone surrogate in an answer’s nested field and in an object key', async () => {
    const gap = await call(student, 'POST', `/api/exercises/${somme}/runs`, { code: 'x\ud83d' });
    expectValidationError(gap, 'code');
    const key = await call(tutor, 'POST', `/api/learners/${learnerId}/messages`, {
      body: 'ok',
      ['\u0000']: 1,
    });
    expect(key.statusCode).toBe(400);
    expect(key.json()).toMatchObject({ code: 'TREMPLIN_ERR_VALIDATION' });
  });

  it('refuses a NUL in a tutor’s message, note and help reply', async () => {
    const message = await call(tutor, 'POST', `/api/groups/${lome}/messages`, { body: 'Bonjour\u0000' });
    expectValidationError(message, 'body');
    const note = await call(tutor, 'PUT', `/api/learners/${learnerId}/notes`, { body: '\u0000' });
    expectValidationError(note, 'body');
    const help = await call(student, 'POST', `/api/exercises/${somme}/help-requests`, {
      message: 'aide\u0000',
    });
    expectValidationError(help, 'message');
  });

  it('accepts every well-formed character, astral ones included', async () => {
    const code = 'export const greeting = "Bonjour 👋🏾 ñ é \u2028";';
    const saved = await call(student, 'PUT', `/api/exercises/${somme}/draft`, { code });
    expect(saved.statusCode).toBe(200);
    expect((await call(student, 'GET', `/api/exercises/${somme}`)).json().draft.code).toBe(code);
  });
});

describe('dates', () => {
  it.each([
    '0000-01-01T00:00:00Z',
    '2026-06-30T23:59:60Z',
    '10000-01-01T00:00:00Z',
    '+010000-01-01T00:00:00Z',
    '2026-02-30T10:00:00Z',
    '2026-13-01T10:00:00Z',
    '0001-01-01T00:00:00+01:00',
    '2026-01-01T10:00:00+24:00',
    '2026-01-01 10:00:00',
  ])('refuses %j as a date-time with a 400 naming the field', async (date) => {
    const response = await call(
      tutor,
      'GET',
      `/api/learners/${learnerId}/activity?before=${encodeURIComponent(date)}`,
    );
    expectValidationError(response, 'before');
    expect((response.json() as { message: string }).message).toContain('une date et heure valides');
  });

  it.each(['2026-12-04T10:00:00Z', '2024-02-29T23:59:59.999+01:00', '9999-12-31T23:59:59Z'])(
    'accepts %j',
    async (date) => {
      const response = await call(
        tutor,
        'GET',
        `/api/learners/${learnerId}/activity?before=${encodeURIComponent(date)}`,
      );
      expect(response.statusCode).toBe(200);
    },
  );
});

describe('anonymous callers', () => {
  it('get 401 before any validation of a private route, whatever the body', async () => {
    for (const [method, url, payload] of [
      ['POST', `/api/exercises/${somme}/submissions`, '{not json'],
      ['PUT', `/api/exercises/urn:uuid:${ID}/draft`, { code: '\u0000' }],
      ['GET', `/api/learners/${learnerId}/activity?before=year-zero`, undefined],
    ] as const) {
      const response = await t.app.inject({
        method,
        url,
        headers: { 'content-type': 'application/json' },
        ...(payload === undefined
          ? {}
          : { payload: typeof payload === 'string' ? payload : JSON.stringify(payload) }),
      });
      expect(response.statusCode).toBe(401);
      expect(response.json()).toEqual({
        code: 'TREMPLIN_ERR_UNAUTHENTICATED',
        message: 'Vous devez vous connecter.',
      });
    }
  });

  it('still reach the public routes', async () => {
    expect((await t.app.inject({ url: '/api/health' })).statusCode).toBe(200);
    const login = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'x' } });
    expect(login.statusCode).toBe(400);
  });
});
