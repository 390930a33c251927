import { openDatabase } from '@tremplin/db';
import { buildApp } from './app.ts';
import { loadConfig } from './config.ts';

/**
 * The OpenAPI document of every route, as `/api/docs/json` serves it: built from a throwaway app on an
 * empty in-memory database (no route is called), so that it depends on the code alone.
 */
export async function openApiDocument(): Promise<unknown> {
  const database = await openDatabase({});
  const config = loadConfig({
    WEB_BUILD_DIR: '.tmp/no-web-build',
    LOG_LEVEL: 'silent',
    GRADER_POOL_SIZE: '1',
    GRADING_WORKER: 'false',
  });
  const app = await buildApp({ config, database });
  try {
    await app.ready();
    return app.swagger();
  } finally {
    await app.close();
    await database.close();
  }
}

/** The committed document's text: stable key order as generated, two-space JSON, a final newline. */
export function openApiText(document: unknown): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}
