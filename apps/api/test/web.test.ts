import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliCompressSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './helper.ts';

// The built web app served by the API on the same origin: a small build of our own.
const PAGE = '<!doctype html><html lang="fr"><body>Tremplin</body></html>';
const SCRIPT = 'console.log("app");';

let dir: string;
let t: TestApp;
beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'tremplin-web-'));
  writeFileSync(path.join(dir, '200.html'), PAGE);
  mkdirSync(path.join(dir, '_app', 'immutable'), { recursive: true });
  writeFileSync(path.join(dir, '_app', 'immutable', 'start.js'), SCRIPT);
  writeFileSync(path.join(dir, '_app', 'immutable', 'start.js.br'), brotliCompressSync(SCRIPT));
  writeFileSync(path.join(dir, 'manifest.webmanifest'), '{"name":"Tremplin"}');
  writeFileSync(path.join(dir, 'service-worker.js'), SCRIPT);
  t = await buildTestApp({ env: { WEB_BUILD_DIR: dir } });
});
afterAll(async () => {
  await t.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the web app', () => {
  it.each(['/', '/connexion', '/etudiant/modules/programmation-js'])(
    'answers the app page at %s, revalidated on each visit',
    async (url) => {
      const response = await t.app.inject({ method: 'GET', url, headers: { accept: 'text/html' } });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toMatch(/^text\/html/);
      expect(response.headers['cache-control']).toBe('no-cache');
      expect(response.body).toBe(PAGE);
    },
  );

  it.each(['/_app', '/_app/', '/_app/immutable/', '/_app/immutable/missing.js', '/.env', '/x/..%2f..%2fetc'])(
    'answers %s, neither a page, an asset nor an API route, with a 404 in the platform’s format',
    async (url) => {
      const response = await t.app.inject({ method: 'POST', url, payload: {} });
      expect(response.statusCode).toBe(404);
      expect(response.json()).toMatchObject({ code: expect.stringMatching(/^TREMPLIN_ERR_/) });
      const get = await t.app.inject({ method: 'GET', url, headers: { accept: 'text/html' } });
      expect([200, 404]).toContain(get.statusCode);
      if (get.statusCode === 200) expect(get.body).toBe(PAGE);
      else expect(get.json().code).toMatch(/^TREMPLIN_ERR_/);
    },
  );

  it('answers HEAD on the root like GET, without a body', async () => {
    const response = await t.app.inject({ method: 'HEAD', url: '/' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.body).toBe('');
  });

  it('serves hashed assets precompressed, cached for a year', async () => {
    const response = await t.app.inject({
      method: 'GET',
      url: '/_app/immutable/start.js',
      headers: { 'accept-encoding': 'br, gzip' },
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-encoding']).toBe('br');
    expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it.each([
    ['/manifest.webmanifest', /^application\/manifest\+json/],
    ['/service-worker.js', /^(application|text)\/javascript/],
  ])('serves %s with its type, revalidated so that a new version is seen at once', async (url, type) => {
    const response = await t.app.inject({ method: 'GET', url });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(type);
    expect(response.headers['cache-control']).toBe('no-cache');
  });

  it('keeps unknown API addresses JSON 404s', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/nothing-here' });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ code: 'TREMPLIN_ERR_ROUTE_NOT_FOUND' });
  });
});
