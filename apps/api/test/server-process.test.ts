// The real `node apps/api/src/server.ts` process: it refuses bad configuration and an absent
// database with a message and a non-zero exit, and stops cleanly on SIGTERM.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createTestDatabase, type TestDatabase } from '@tremplin/db/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const SERVER = path.resolve(import.meta.dirname, '../src/server.ts');

function run(env: Record<string, string>) {
  const child = spawn(process.execPath, [SERVER], {
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
    expect(await health.json()).toMatchObject({ engine: database ? 'postgres' : 'pglite' });
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    expect(server.output()).toContain('stopping');
  }, 60_000);
});
