// The real `node apps/api/src/server.ts` process: it refuses bad configuration, an absent database
// and (in production) public demo accounts with a message and a non-zero exit, and stops cleanly on
// SIGTERM.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createTestDatabase, type TestDatabase } from '@tremplin/db/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const SERVER = path.resolve(import.meta.dirname, '../src/server.ts');
const DB_CLI = path.resolve(import.meta.dirname, '../../../packages/db/src/cli');

function run(env: Record<string, string>, script = SERVER) {
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
      if (output.includes('Tremplin is ready')) resolve();
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
