import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './helper.ts';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
  t.app.get('/api/test/boom', async () => {
    throw new Error('secret internal detail at /srv/tremplin/app.ts:42');
  });
});
afterAll(() => t.close());

describe('errors', () => {
  it('answers an unknown API address with a coded 404', async () => {
    const response = await t.app.inject({ url: '/api/nowhere?x=1' });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({
      code: 'TREMPLIN_ERR_ROUTE_NOT_FOUND',
      message: "Cette adresse de l'API n'existe pas : GET /api/nowhere",
    });
  });

  it('answers an unknown method on a known address with a 404', async () => {
    const response = await t.app.inject({ method: 'DELETE', url: '/api/me' });
    expect(response.statusCode).toBe(404);
  });

  it('hides an unexpected error behind a generic message, without a stack trace', async () => {
    const response = await t.app.inject({ url: '/api/test/boom' });
    expect(response.statusCode).toBe(500);
    expect(response.json()).toEqual({
      code: 'TREMPLIN_ERR_INTERNAL',
      message: 'Une erreur inattendue est survenue. Elle a été enregistrée ; réessayez plus tard.',
    });
    expect(response.body).not.toContain('secret');
    expect(response.body).not.toContain('app.ts');
  });

  it('reports the database engine on /api/health', async () => {
    const response = await t.app.inject({ url: '/api/health' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ status: 'ok', engine: t.database.engine });
  });

  it('describes the API as OpenAPI at /api/docs', async () => {
    const json = await t.app.inject({ url: '/api/docs/json' });
    expect(json.statusCode).toBe(200);
    expect(json.json().openapi).toBe('3.1.0');
    expect(Object.keys(json.json().paths)).toEqual(
      expect.arrayContaining(['/api/auth/login', '/api/me', '/api/groups', '/api/health']),
    );
    const ui = await t.app.inject({ url: '/api/docs/' });
    expect(ui.statusCode).toBe(200);
    expect(ui.headers['content-type']).toContain('text/html');
  });
});
