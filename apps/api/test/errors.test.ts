import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './helper.ts';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
  t.app.get('/api/test/boom', { config: { public: true } }, async () => {
    throw new Error('secret internal detail at /srv/tremplin/app.ts:42');
  });
  // What a plugin (or the grader) raises: an error that carries its own HTTP status.
  t.app.get<{ Params: { status: string } }>(
    '/api/test/status/:status',
    { config: { public: true } },
    async (request) => {
      throw Object.assign(new Error('secret plugin detail'), { statusCode: Number(request.params.status) });
    },
  );
});

const CLIENT_ERRORS: Array<[number, string, string]> = [
  [400, 'TREMPLIN_ERR_BAD_REQUEST', 'La requête est mal formée.'],
  [401, 'TREMPLIN_ERR_UNAUTHENTICATED', 'Vous devez vous connecter.'],
  [403, 'TREMPLIN_ERR_FORBIDDEN', "Vous n'avez pas accès à cette ressource."],
  [404, 'TREMPLIN_ERR_NOT_FOUND', "Cette ressource n'existe pas."],
  [405, 'TREMPLIN_ERR_METHOD_NOT_ALLOWED', "Cette action n'est pas permise à cette adresse."],
  [406, 'TREMPLIN_ERR_NOT_ACCEPTABLE', 'Le serveur ne peut pas répondre dans le format demandé.'],
  [
    408,
    'TREMPLIN_ERR_REQUEST_TIMEOUT',
    'La requête a mis trop de temps à arriver : vérifiez votre connexion et réessayez.',
  ],
  [
    409,
    'TREMPLIN_ERR_CONFLICT',
    "La requête est en conflit avec l'état actuel : rechargez la page et réessayez.",
  ],
  [
    413,
    'TREMPLIN_ERR_BODY_TOO_LARGE',
    'Le corps de la requête est trop volumineux (maximum 1048576 octets).',
  ],
  [414, 'TREMPLIN_ERR_URL_TOO_LONG', "L'adresse demandée est trop longue."],
  [415, 'TREMPLIN_ERR_UNSUPPORTED_MEDIA_TYPE', "Ce type de contenu n'est pas accepté : envoyez du JSON."],
  [429, 'TREMPLIN_ERR_TOO_MANY_REQUESTS', 'Trop de requêtes : attendez un instant avant de réessayer.'],
  [431, 'TREMPLIN_ERR_HEADERS_TOO_LARGE', 'Les en-têtes de la requête sont trop volumineux.'],
  [418, 'TREMPLIN_ERR_CLIENT', "La requête n'a pas pu être traitée (erreur 418)."],
];
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

  it.each(CLIENT_ERRORS)(
    'answers a plugin’s %i with its own status and code, not a validation error',
    async (status, code, message) => {
      const response = await t.app.inject({ url: `/api/test/status/${status}` });
      expect(response.statusCode).toBe(status);
      expect(response.json()).toEqual({ code, message });
      expect(response.body).not.toContain('secret');
    },
  );

  it('answers a badly encoded path with the platform’s error, without echoing it', async () => {
    const response = await t.app.inject({ url: '/api/learners/%E0%A4%A<script>' });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({
      code: 'TREMPLIN_ERR_BAD_URL',
      message: "L'adresse demandée est mal encodée.",
    });
  });

  it('answers an over-long path parameter with the platform’s 414', async () => {
    const response = await t.app.inject({
      url: `/api/exercises/${'a'.repeat(600)}`,
      headers: { 'accept-language': 'en' },
    });
    expect(response.statusCode).toBe(414);
    expect(response.json()).toEqual({
      code: 'TREMPLIN_ERR_URL_TOO_LONG',
      message: 'The requested address is too long.',
    });
  });

  it('says a plugin’s client error in English when asked', async () => {
    const response = await t.app.inject({
      url: '/api/test/status/409',
      headers: { 'accept-language': 'en' },
    });
    expect(response.json()).toEqual({
      code: 'TREMPLIN_ERR_CONFLICT',
      message: 'The request conflicts with the current state: reload the page and try again.',
    });
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
