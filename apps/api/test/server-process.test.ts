// The real `node apps/api/src/server.ts` process: it refuses bad configuration, an absent database
// and (in production) public demo accounts with a message and a non-zero exit, and stops cleanly on
// SIGTERM. So does a separate grader (`grader-main.ts`), which serves its metrics on METRICS_PORT.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createTestDatabase, type TestDatabase } from '@tremplin/db/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../bench/proc.ts';

const SERVER = path.resolve(import.meta.dirname, '../src/server.ts');
const GRADER = path.resolve(import.meta.dirname, '../src/grader-main.ts');
const DB_CLI = path.resolve(import.meta.dirname, '../../../packages/db/src/cli');

function run(env: Record<string, string>, script = SERVER, readyLine = 'Tremplin is ready') {
  const child = spawn(process.execPath, [script], {
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'info', PRETTY_LOGS: 'false', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout.on('data', () => {
      if (output.includes(readyLine)) resolve();
    });
    child.on('exit', () => reject(new Error(`exited before ready:\n${output}`)));
  });
  // Only the tests that wait for readiness look at this promise; the others expect the exit.
  ready.catch(() => {});
  return { child, exited, ready, output: () => output };
}

let database: TestDatabase | undefined;
let dataDir: string;
beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'tremplin-server-'));
  if (process.env.DATABASE_URL) database = await createTestDatabase();
});
afterAll(async () => {
  rmSync(dataDir, { recursive: true, force: true });
  await database?.close();
});

describe('the server process', () => {
  it('stops with a message naming a bad variable', async () => {
    const server = run({ PORT: 'eighty' });
    expect(await server.exited).toBe(1);
    expect(server.output()).toContain('PORT must be a whole number');
  });

  it('stops with a message when the database cannot be reached', async () => {
    const server = run({ DATABASE_URL: 'postgres://nobody:x@127.0.0.1:1/none' });
    expect(await server.exited).toBe(1);
    expect(server.output()).toContain('the database at DATABASE_URL cannot be reached');
  });

  it('serves the API once ready and exits 0 on SIGTERM', async () => {
    const server = run({
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      ...(database?.url ? { DATABASE_URL: database.url } : {}),
    });
    await server.ready;
    const port = /listening at http:\/\/127\.0\.0\.1:(\d+)/.exec(server.output())?.[1];
    const health = await fetch(`http://127.0.0.1:${port}/api/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ engine: database ? 'postgres' : 'pglite', demo: true });
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    expect(server.output()).toContain('stopping');
  }, 60_000);

  it('refuses to start in production while demo accounts exist, naming the command that removes them', async () => {
    const demoData = mkdtempSync(path.join(os.tmpdir(), 'tremplin-demo-'));
    const demoDatabase = process.env.DATABASE_URL ? await createTestDatabase() : undefined;
    const target: Record<string, string> = demoDatabase?.url
      ? { DATABASE_URL: demoDatabase.url }
      : { DATA_DIR: demoData };
    const production = { NODE_ENV: 'production', PORT: '0', HOST: '127.0.0.1', ...target };
    try {
      // PostgreSQL test databases come seeded; the embedded one is seeded the way an operator would.
      if (!demoDatabase) expect(await run(target, path.join(DB_CLI, 'seed.ts')).exited).toBe(0);

      const refused = run(production);
      expect(await refused.exited).toBe(1);
      expect(refused.output()).toContain('demo accounts');
      expect(refused.output()).toContain('pnpm db:remove-demo');

      const removal = run(target, path.join(DB_CLI, 'remove-demo.ts'));
      expect(await removal.exited).toBe(0);
      expect(removal.output()).toContain('41 demo accounts disabled');

      const server = run(production);
      await server.ready;
      const port = /listening at http:\/\/127\.0\.0\.1:(\d+)/.exec(server.output())?.[1];
      const health = await fetch(`http://127.0.0.1:${port}/api/health`);
      expect(await health.json()).toMatchObject({ demo: false });
      server.child.kill('SIGTERM');
      expect(await server.exited).toBe(0);
    } finally {
      rmSync(demoData, { recursive: true, force: true });
      await demoDatabase?.close();
    }
  }, 240_000);
});

describe('a separate grader process', () => {
  it('serves its metrics on METRICS_PORT to this machine, grades when its port is taken, and exits 0 on SIGTERM (PostgreSQL only)', async () => {
    if (!database?.url) {
      // The embedded engine grades in the API: a grader apart has no queue to share.
      const refused = run({}, GRADER);
      expect(await refused.exited).toBe(1);
      expect(refused.output()).toContain('a separate grader needs DATABASE_URL');
      return;
    }
    const port = await freePort();
    const grader = run(
      { DATABASE_URL: database.url, HOST: '127.0.0.1', METRICS_PORT: String(port), GRADER_POOL_SIZE: '1' },
      GRADER,
      'grader ready',
    );
    await grader.ready;
    const response = await fetch(`http://127.0.0.1:${port}/metrics`);
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).toMatch(/^tremplin_grading_jobs\{state="queued"\} \d+$/m);
    expect(text).toMatch(/^tremplin_sandbox_outcomes_total\{outcome="graded"\} 0$/m);
    expect(text).toMatch(/^process_resident_memory_bytes \d/m);

    // A second grader on this machine with the same port: it says so, and grades all the same.
    const second = run(
      { DATABASE_URL: database.url, HOST: '127.0.0.1', METRICS_PORT: String(port), GRADER_POOL_SIZE: '1' },
      GRADER,
      'grader ready',
    );
    await second.ready;
    expect(second.output()).toContain('the metrics are not served: METRICS_PORT cannot be used');
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
    grader.child.kill('SIGTERM');
    expect(await grader.exited).toBe(0);
  }, 60_000);
});
