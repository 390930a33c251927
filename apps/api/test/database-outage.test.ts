// A database that drops while the server runs: requests answer 503, and the server recovers by
// itself when the database returns. Runs on both engines: PGlite is reached over a TCP socket server.
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { openDatabase, type Database } from '@tremplin/db';
import { createTestDatabase, templateDump, type TestDatabase } from '@tremplin/db/test-support';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { testConfig } from './helper.ts';
import { TcpProxy } from './tcp-proxy.ts';

let source: TestDatabase | undefined;
let pglite: PGlite | undefined;
let socketServer: PGLiteSocketServer | undefined;
let proxy: TcpProxy;
let database: Database;
let app: FastifyInstance;
let url: URL;

beforeAll(async () => {
  if (process.env.DATABASE_URL) {
    source = await createTestDatabase();
    url = new URL(source.url!);
  } else {
    // The embedded engine's own socket is private to the process that opened it: this test opens
    // PGlite itself, from the seeded template, behind a TCP socket server it can cut.
    pglite = await PGlite.create({ loadDataDir: templateDump('seeded') });
    const probe = new TcpProxy({ host: '127.0.0.1', port: 1 });
    await probe.start();
    const port = probe.port;
    await probe.stop();
    socketServer = new PGLiteSocketServer({
      db: pglite,
      port,
      host: '127.0.0.1',
      maxConnections: 10,
    });
    await socketServer.start();
    url = new URL(`postgres://postgres@127.0.0.1:${port}/postgres`);
  }
  proxy = new TcpProxy({ host: url.hostname, port: Number(url.port || 5432) });
  await proxy.start();
  const viaProxy = new URL(url);
  viaProxy.hostname = '127.0.0.1';
  viaProxy.port = String(proxy.port);
  database = await openDatabase({ url: viaProxy.toString(), poolSize: 1 });
  app = await buildApp({ config: testConfig({ GRADING_WORKER: 'false' }), database });
});

afterAll(async () => {
  await app.close();
  await database.close();
  await proxy.stop();
  await socketServer?.stop();
  await pglite?.close();
  await source?.close();
});

describe('a database outage', () => {
  it('answers 503 while the database is away and recovers when it returns', async () => {
    expect((await app.inject({ url: '/api/health' })).statusCode).toBe(200);
    const signedIn = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'etudiant1@tremplin.test', password: 'tremplin-demo' },
    });
    expect(signedIn.statusCode).toBe(200);
    const cookie = `tremplin_session=${signedIn.cookies[0]!.value}`;

    await proxy.stop();
    const down = await app.inject({ url: '/api/health', headers: { 'accept-language': 'en' } });
    expect(down.statusCode).toBe(503);
    expect(down.json()).toEqual({
      code: 'TREMPLIN_ERR_DB_UNAVAILABLE',
      message: 'The service is temporarily unavailable. Try again in a moment.',
    });
    const meDown = await app.inject({ url: '/api/me', headers: { cookie } });
    expect(meDown.statusCode).toBe(503);
    // The metrics still answer, without the queue's gauges that only the database knows.
    const metrics = await app.inject({ url: '/metrics' });
    expect(metrics.statusCode).toBe(200);
    expect(metrics.body).toMatch(/^process_cpu_seconds_total \d/m);
    expect(metrics.body).not.toMatch(/^tremplin_grading_jobs\{/m);

    await proxy.start();
    expect((await app.inject({ url: '/api/health' })).statusCode).toBe(200);
    const me = await app.inject({ url: '/api/me', headers: { cookie } });
    expect(me.statusCode).toBe(200);
    expect(me.json().email).toBe('etudiant1@tremplin.test');
  });
});
