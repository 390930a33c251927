// Builds the real app over a private copy of the demo database, for app.inject() tests.
import { DEMO_PASSWORD } from '@tremplin/db';
import { createTestDatabase, type TestDatabase } from '@tremplin/db/test-support';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app.ts';
import { loadConfig, type Config } from '../src/config.ts';

export interface TestApp {
  app: FastifyInstance;
  database: TestDatabase;
  config: Config;
  close(): Promise<void>;
}

/** The test configuration: defaults, no web build, overridable per test. */
export function testConfig(env: Record<string, string> = {}): Config {
  return loadConfig({ WEB_BUILD_DIR: '.tmp/no-web-build', LOG_LEVEL: 'silent', ...env });
}

export async function buildTestApp(
  options: { env?: Record<string, string>; seed?: boolean; database?: TestDatabase } = {},
): Promise<TestApp> {
  const database = options.database ?? (await createTestDatabase({ seed: options.seed ?? true }));
  const config = testConfig(options.env);
  const app = await buildApp({ config, database });
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
