// Builds the real app over a private copy of the demo database, for app.inject() tests.
import { randomUUID } from 'node:crypto';
import { DEMO_PASSWORD, hashPassword, schema } from '@tremplin/db';
import { and, desc, eq, inArray } from 'drizzle-orm';
import type { Submission } from '@tremplin/contracts';
import { createTestDatabase, type TestDatabase } from '@tremplin/db/test-support';
import type { FastifyInstance } from 'fastify';
import { buildApp, type BuildAppOptions } from '../src/app.ts';
import type { FairUsePluginOptions } from '../src/plugins/fair-use.ts';
import type { GradingPluginOptions } from '../src/plugins/grading.ts';
import { loadConfig, type Config } from '../src/config.ts';

export interface TestApp {
  app: FastifyInstance;
  database: TestDatabase;
  config: Config;
  close(): Promise<void>;
}

/**
 * The test configuration: defaults, no web build, overridable per test. The per-user limits stay on
 * but hold thousands of requests, so that only the tests of the limits meet them.
 */
export function testConfig(env: Record<string, string> = {}): Config {
  return loadConfig({
    WEB_BUILD_DIR: '.tmp/no-web-build',
    LOG_LEVEL: 'silent',
    GRADER_POOL_SIZE: '1',
    RATE_RUNS_BURST: '10000',
    RATE_SUBMISSIONS_BURST: '10000',
    RATE_HELP_BURST: '10000',
    RATE_MESSAGES_BURST: '10000',
    ...env,
  });
}

export async function buildTestApp(
  options: {
    env?: Record<string, string>;
    seed?: boolean;
    database?: TestDatabase;
    grading?: GradingPluginOptions;
    now?: BuildAppOptions['now'];
    logger?: BuildAppOptions['logger'];
    fairUse?: FairUsePluginOptions;
  } = {},
): Promise<TestApp> {
  const database = options.database ?? (await createTestDatabase({ seed: options.seed ?? true }));
  const config = testConfig(options.env);
  const app = await buildApp({
    config,
    database,
    ...(options.grading ? { grading: options.grading } : {}),
    ...(options.now ? { now: options.now } : {}),
    ...(options.logger ? { logger: options.logger } : {}),
    ...(options.fairUse ? { fairUse: options.fairUse } : {}),
  });
  return {
    app,
    database,
    config,
    close: async () => {
      await app.close();
      if (!options.database) await database.close();
    },
  };
}

/** Signs a demo (or given) account in and answers its session cookie as a Cookie header value. */
export async function signIn(app: FastifyInstance, email: string, password = DEMO_PASSWORD): Promise<string> {
  const response = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } });
  if (response.statusCode !== 200) throw new Error(`sign-in of ${email} failed: ${response.body}`);
  const cookie = response.cookies.find((c) => c.name === 'tremplin_session');
  if (!cookie) throw new Error('no session cookie');
  return `tremplin_session=${cookie.value}`;
}

/** Creates the administrator admin@tremplin.test (the demo has none) and signs them in. */
export async function signInNewAdmin(t: TestApp): Promise<{ id: string; cookie: string }> {
  const [row] = await t.database.db
    .insert(schema.users)
    .values({
      email: 'admin@tremplin.test',
      displayName: 'Admin',
      passwordHash: await hashPassword('admin-pass'),
    })
    .returning();
  await t.database.db.insert(schema.memberships).values({ userId: row!.id, role: 'admin', groupId: null });
  return { id: row!.id, cookie: await signIn(t.app, 'admin@tremplin.test', 'admin-pass') };
}

/** Finds a demo exercise's id and full spec (the answer key) by its slug. */
const DEMO_MODULE_SLUGS = ['programmation-js', 'ia-fondamentaux', 'anglais-technique', 'formation-tuteurs'];

export async function demoExercise(
  database: TestDatabase,
  slug: string,
): Promise<{ id: string; spec: import('@tremplin/content').FullSpec; maxScore: number }> {
  // The demo modules' exercise, in the newest version holding it: a test's own module may reuse the slug.
  const [row] = await database.db
    .select({ id: schema.exercises.id, spec: schema.exercises.spec, maxScore: schema.exercises.maxScore })
    .from(schema.exercises)
    .innerJoin(schema.moduleVersions, eq(schema.moduleVersions.id, schema.exercises.moduleVersionId))
    .innerJoin(schema.modules, eq(schema.modules.id, schema.moduleVersions.moduleId))
    .where(and(eq(schema.exercises.slug, slug), inArray(schema.modules.slug, DEMO_MODULE_SLUGS)))
    .orderBy(desc(schema.moduleVersions.version))
    .limit(1);
  if (!row) throw new Error(`no demo exercise ${slug}`);
  return row as { id: string; spec: import('@tremplin/content').FullSpec; maxScore: number };
}

/** Resolves when the bus tells that a submission was graded; listen before letting the grader go. */
export function gradedEvent(app: FastifyInstance, submissionId: string): Promise<void> {
  return new Promise((resolve) => {
    const off = app.grading.bus.subscribe((event) => {
      if (event.type === 'submission.graded' && event.submissionId === submissionId) {
        off();
        resolve();
      }
    });
  });
}

/**
 * Submits and resolves with the graded submission, listening for the grade before submitting so
 * that a fast grader cannot be missed.
 */
export async function submitAndWait(
  app: FastifyInstance,
  cookie: string,
  exerciseId: string,
  body: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<Submission> {
  let submissionId: string | undefined;
  const graded = new Set<string>();
  let notify: (() => void) | undefined;
  const unsubscribe = app.grading.bus.subscribe((event) => {
    if (event.type !== 'submission.graded') return;
    graded.add(event.submissionId);
    if (event.submissionId === submissionId) notify?.();
  });
  try {
    const response = await app.inject({
      method: 'POST',
      url: `/api/exercises/${exerciseId}/submissions`,
      headers: { cookie, ...headers },
      payload: { idempotencyKey: randomUUID(), ...body },
    });
    if (response.statusCode !== 202)
      throw new Error(`submission refused: ${response.statusCode} ${response.body}`);
    submissionId = response.json().id as string;
    if (!graded.has(submissionId)) await new Promise<void>((resolve) => (notify = resolve));
  } finally {
    unsubscribe();
  }
  const submission = await app.inject({ url: `/api/submissions/${submissionId}`, headers: { cookie } });
  return submission.json() as Submission;
}
