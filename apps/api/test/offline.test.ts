import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, signIn, type TestApp } from './helper.ts';

// A module kept for offline use: the list of what its pages read, each with the size the API sends.
let t: TestApp;
let cookie: string;

beforeAll(async () => {
  t = await buildTestApp();
  cookie = await signIn(t.app, 'etudiant6@tremplin.test');
});
afterAll(() => t.close());

const get = (url: string, headers: Record<string, string> = {}) =>
  t.app.inject({ url, headers: { cookie, ...headers } });

describe('GET /api/modules/:slug/offline', () => {
  it("lists the module, its lessons and its exercises, each with its answer's exact size", async () => {
    const response = await get('/api/modules/programmation-js/offline');
    expect(response.statusCode, response.body).toBe(200);
    const copy = response.json() as {
      slug: string;
      files: Array<{ url: string; bytes: number }>;
      totalBytes: number;
    };
    const module = (await get('/api/modules/programmation-js')).json();
    expect(copy.slug).toBe('programmation-js');
    expect(copy.files.map((f) => f.url)).toEqual([
      '/api/modules/programmation-js',
      ...module.lessons.map((l: { id: string }) => `/api/lessons/${l.id}`),
      ...module.exercises.map((e: { id: string }) => `/api/exercises/${e.id}`),
    ]);
    for (const file of copy.files) {
      const answer = await get(file.url);
      expect(answer.statusCode).toBe(200);
      expect(file.bytes, file.url).toBe(answer.rawPayload.byteLength);
    }
    expect(copy.totalBytes).toBe(copy.files.reduce((sum, f) => sum + f.bytes, 0));
  });

  it('measures the answers in the language asked for', async () => {
    const fr = (await get('/api/modules/programmation-js/offline')).json();
    const en = (await get('/api/modules/programmation-js/offline', { 'accept-language': 'en' })).json();
    const module = await get('/api/modules/programmation-js', { 'accept-language': 'en' });
    expect(en.files[0].bytes).toBe(module.rawPayload.byteLength);
    expect(en.files.map((f: { url: string }) => f.url)).toEqual(fr.files.map((f: { url: string }) => f.url));
  });

  it('answers 404 for a module the learner does not follow', async () => {
    const response = await get('/api/modules/module-inconnu/offline');
    expect(response.statusCode).toBe(404);
  });
});
