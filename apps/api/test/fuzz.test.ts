// Property-based fuzzing of every route of the committed OpenAPI document (docs/openapi.json): as
// signed-in principals, generated path parameters, queries and bodies (shaped by each route's schema,
// and with the classes of input that once reached the database: ids a loose `uuid` format accepts, NUL
// characters, lone surrogates, impossible dates, wrong types, malformed JSON) never get a 5xx, and every
// error answers the platform's `{ code, message }`. Replay a failure with FUZZ_SEED=<seed printed>;
// FUZZ_RUNS sets the number of requests per route.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { findUserByEmail, listAllGroups, schema } from '@tremplin/db';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildTestApp, demoExercise, signIn, submitAndWait, type TestApp } from './helper.ts';

interface JsonSchema {
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
}
interface Operation {
  parameters?: Array<{ in: 'path' | 'query'; name: string; required?: boolean; schema: JsonSchema }>;
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
}

const document = JSON.parse(
  readFileSync(path.resolve(import.meta.dirname, '../../../docs/openapi.json'), 'utf8'),
) as { paths: Record<string, Record<string, Operation>> };

const SEED = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
const RUNS = Number(process.env.FUZZ_RUNS ?? 20);
// Signing out would end the principals' sessions for the routes after it; it takes no input anyway.
const SKIPPED = new Set(['POST /api/auth/logout']);

const operations = Object.entries(document.paths).flatMap(([route, methods]) =>
  Object.entries(methods)
    .map(([method, operation]) => ({ method: method.toUpperCase(), route, operation }))
    .filter(({ method, route }) => !SKIPPED.has(`${method} ${route}`)),
);

// Values that a loose validator lets through but PostgreSQL or JavaScript cannot hold.
const ID = '7d444840-9dc0-11d1-b245-5ffdce74fad2';
const HOSTILE_IDS = [`urn:uuid:${ID}`, `{${ID}}`, ID.toUpperCase(), `${ID}\u0000`, '0'.repeat(36), '', '..'];
const HOSTILE_DATES = [
  '0000-01-01T00:00:00Z',
  '2026-06-30T23:59:60Z',
  '10000-01-01T00:00:00Z',
  '+275760-09-13T00:00:00Z',
  '2026-02-30T00:00:00Z',
  '0001-01-01T00:00:00+01:00',
  '2026-12-04T10:00:00Z',
];
const HOSTILE_TEXTS = [
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udfff',
  '\ud83d\ude00',
  '%00',
  "'; drop table users; --",
  'x'.repeat(5000),
];

let t: TestApp;
let cookies: string[] = [];
/** Real ids by parameter name, so that generated requests reach past the 404s. */
const known: Record<string, string[]> = {};

const text = (s: JsonSchema) =>
  fc.oneof(
    {
      weight: 4,
      arbitrary: fc.string({
        minLength: s.minLength ?? 0,
        // Short strings, but never shorter than the schema's minimum (a motivation of 50 characters).
        maxLength: Math.min(s.maxLength ?? 40, Math.max(40, s.minLength ?? 0)),
      }),
    },
    { weight: 1, arbitrary: fc.constantFrom(...HOSTILE_TEXTS) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
  );

/** Values for a schema: mostly well-shaped, sometimes of the hostile classes or of another type. */
function valueOf(s: JsonSchema, name: string, depth = 0): fc.Arbitrary<unknown> {
  const wrong = fc.oneof(
    fc.constant(null),
    fc.integer(),
    fc.boolean(),
    fc.constant([]),
    fc.constant({}),
    fc.string(),
  );
  const shaped = shapedValueOf(s, name, depth);
  return fc.oneof({ weight: 9, arbitrary: shaped }, { weight: 1, arbitrary: wrong });
}

function shapedValueOf(s: JsonSchema, name: string, depth: number): fc.Arbitrary<unknown> {
  const variants = s.anyOf ?? s.oneOf;
  if (variants) return fc.oneof(...variants.map((v) => shapedValueOf(v, name, depth)));
  if (s.const !== undefined) return fc.constant(s.const);
  if (s.enum) return fc.constantFrom(...s.enum);
  const type = Array.isArray(s.type) ? s.type[0] : s.type;
  switch (type) {
    case 'string':
      if (s.format === 'uuid') return idFor(name);
      if (s.format === 'date-time')
        return fc.oneof(
          fc.constantFrom(...HOSTILE_DATES),
          fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
        );
      return text(s);
    case 'integer':
      return fc.oneof(
        fc.integer({ min: -5, max: 500 }),
        fc.constantFrom(0, -1, 2 ** 31, Number.MAX_SAFE_INTEGER, 1e21),
      );
    case 'number':
      return fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constantFrom(0, -1, 1e308));
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array':
      if (depth > 3 || !s.items) return fc.constant([]);
      return fc.array(valueOf(s.items, name, depth + 1), { maxLength: 4 });
    case 'object': {
      if (depth > 3) return fc.constant({});
      const properties = s.properties ?? {};
      const required = new Set(s.required ?? []);
      const record: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [key, inner] of Object.entries(properties)) record[key] = valueOf(inner, key, depth + 1);
      const optional = Object.keys(properties).filter((key) => !required.has(key));
      return fc
        .record(record, { requiredKeys: [...required].filter((key) => key in properties) })
        .chain((value) =>
          fc.oneof(
            { weight: 8, arbitrary: fc.constant(value) },
            { weight: 1, arbitrary: fc.constant({ ...value, ['\u0000extra']: 1 }) },
            {
              weight: 1,
              arbitrary: fc.constant(
                Object.fromEntries(Object.entries(value).filter(([key]) => !optional.includes(key))),
              ),
            },
          ),
        );
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

function idFor(name: string): fc.Arbitrary<string> {
  const real = known[name] ?? known.id ?? [];
  return fc.oneof(
    { weight: real.length > 0 ? 6 : 0, arbitrary: fc.constantFrom(...(real.length > 0 ? real : [ID])) },
    { weight: 2, arbitrary: fc.uuid() },
    { weight: 2, arbitrary: fc.constantFrom(...HOSTILE_IDS) },
  );
}

function pathValueOf(name: string, s: JsonSchema): fc.Arbitrary<string> {
  if (s.format === 'uuid') return idFor(name);
  const real = known[name] ?? [];
  return fc.oneof(
    { weight: real.length > 0 ? 3 : 0, arbitrary: fc.constantFrom(...(real.length > 0 ? real : ['x'])) },
    { weight: 2, arbitrary: fc.string({ minLength: 1, maxLength: 30 }) },
    { weight: 1, arbitrary: fc.constantFrom(...HOSTILE_TEXTS.slice(0, 5)) },
  );
}

/**
 * A path segment as a client would send it; a lone surrogate (which has no UTF-8 form) goes as the
 * bytes a careless encoder writes for it, and `%zz` as a broken escape.
 */
function pathSegment(value: string): string {
  if (value === '%00') return '%zz';
  return value.isWellFormed()
    ? encodeURIComponent(value)
    : `${encodeURIComponent(value.toWellFormed())}%ED%A0%80`;
}

interface Request {
  cookie: string;
  url: string;
  payload: string | undefined;
  locale: string;
}

function requestOf(route: string, operation: Operation): fc.Arbitrary<Request> {
  const params = operation.parameters ?? [];
  const pathParams: Record<string, fc.Arbitrary<string>> = {};
  const query: Record<string, fc.Arbitrary<unknown>> = {};
  for (const p of params) {
    if (p.in === 'path') pathParams[p.name] = pathValueOf(p.name, p.schema);
    else query[p.name] = valueOf(p.schema, p.name);
  }
  const bodySchema = operation.requestBody?.content['application/json']?.schema;
  const body: fc.Arbitrary<string | undefined> = bodySchema
    ? fc.oneof(
        { weight: 9, arbitrary: valueOf(bodySchema, 'body').map((value) => JSON.stringify(value)) },
        { weight: 1, arbitrary: fc.constantFrom('{', '', 'null', '[]', '"\\ud800"', '{"a":"\\u0000"}') },
      )
    : fc.constant(undefined);
  return fc
    .record({
      cookie: fc.constantFrom(...cookies),
      path: fc.record(pathParams),
      query: fc.record(query, { requiredKeys: [] }),
      payload: body,
      locale: fc.constantFrom('fr', 'en'),
    })
    .map(({ cookie, path, query, payload, locale }) => {
      const url = route.replace(/\{(\w+)\}/g, (_, name: string) => pathSegment(path[name]!));
      const search = new URLSearchParams();
      for (const [key, value] of Object.entries(query)) {
        if (value === undefined) continue;
        search.set(key, typeof value === 'string' ? value : JSON.stringify(value));
      }
      const qs = search.toString();
      return { cookie, url: qs ? `${url}?${qs}` : url, payload, locale };
    });
}

beforeAll(async () => {
  t = await buildTestApp();
  cookies = await Promise.all(
    ['etudiant1', 'tuteur1', 'coordination'].map((who) => signIn(t.app, `${who}@tremplin.test`)),
  );
  const db = t.database.db;
  const somme = await demoExercise(t.database, 'somme');
  const student = (await findUserByEmail(db, 'etudiant1@tremplin.test'))!.id;
  const submission = await submitAndWait(t.app, cookies[0]!, somme.id, {
    code: 'export const somme = () => 0;',
  });
  const help = await t.app.inject({
    method: 'POST',
    url: `/api/exercises/${somme.id}/help-requests`,
    headers: { cookie: cookies[0]! },
    payload: { message: 'Je bloque.' },
  });
  const groups = (await listAllGroups(db)).map((g) => g.id);
  const session = await t.app.inject({
    method: 'POST',
    url: `/api/groups/${groups[0]}/live-sessions`,
    headers: { cookie: cookies[1]! },
    payload: { title: 'Séance' },
  });
  const exercises = (await db.select({ id: schema.exercises.id }).from(schema.exercises)).map((e) => e.id);
  const lessons = (await db.select({ id: schema.lessons.id }).from(schema.lessons)).map((l) => l.id);
  Object.assign(known, {
    groupId: groups,
    learnerId: [student],
    exerciseId: exercises,
    submissionId: [submission.id],
    helpRequestId: help.statusCode < 300 ? [help.json().id as string] : [],
    sessionId: session.statusCode < 300 ? [session.json().id as string] : [],
    id: [...exercises.slice(0, 6), ...lessons.slice(0, 3), submission.id],
    slug: ['programmation-js', 'anglais-technique', 'ia-fondamentaux'],
    // The studio's version numbers and exercise slugs.
    version: ['1', '2'],
    exercise: ['somme', 'const-ou-let', 'choisir-le-message'],
  });
  console.log(`fuzz: seed ${SEED}, ${RUNS} requests per route (replay: FUZZ_SEED=${SEED})`);
}, 120_000);
afterAll(() => t.close());

describe('every route of the OpenAPI document, fuzzed', () => {
  test('walks at least 40 routes', () => {
    expect(operations.length).toBeGreaterThanOrEqual(40);
  });

  test.each(operations)(
    '$method $route answers no 5xx, and errors in the platform’s shape',
    async ({ method, route, operation }) => {
      await fc.assert(
        fc.asyncProperty(requestOf(route, operation), async (request) => {
          const response = await t.app.inject({
            method: method as 'GET',
            url: request.url,
            headers: {
              cookie: request.cookie,
              'accept-language': request.locale,
              ...(request.payload === undefined ? {} : { 'content-type': 'application/json' }),
            },
            ...(request.payload === undefined ? {} : { payload: request.payload }),
          });
          expect(
            response.statusCode,
            `${method} ${request.url} ${request.payload ?? ''} → ${response.body}`,
          ).toBeLessThan(500);
          if (response.statusCode >= 400) {
            const body = response.json() as { code?: unknown; message?: unknown };
            expect(body.code, response.body).toMatch(/^TREMPLIN_ERR_[A-Z_]+$/);
            expect(typeof body.message).toBe('string');
            expect(response.body).not.toContain('\u0000');
          }
        }),
        { seed: SEED, numRuns: RUNS, endOnFailure: true },
      );
    },
    120_000,
  );
});
