import { describe, expect, it, vi } from 'vitest';
import type { Locale } from '#lib/i18n/types.ts';
import { ApiError, createApiClient } from './client.ts';

function jsonResponse(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

function setup(respond: (request: Request) => Response | Promise<Response>, initial: Locale = 'fr') {
  let current: Locale = initial;
  const requests: Request[] = [];
  const fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(new URL(String(input), 'http://localhost'), init);
    requests.push(request);
    return respond(request);
  });
  const client = createApiClient({ getLocale: () => current, fetch });
  return { client, requests, setLocale: (l: Locale) => (current = l) };
}

describe('api client', () => {
  it('sends the UI language and JSON, and returns the parsed body', async () => {
    const { client, requests, setLocale } = setup(() => jsonResponse(200, { ok: true }));
    await expect(client.post('/api/auth/login', { email: 'a@b.tg', password: 'x' })).resolves.toEqual({
      ok: true,
    });
    setLocale('en');
    await client.get('/api/me');

    expect(requests[0]?.headers.get('accept-language')).toBe('fr');
    expect(requests[0]?.headers.get('content-type')).toBe('application/json');
    expect(await requests[0]?.json()).toEqual({ email: 'a@b.tg', password: 'x' });
    expect(requests[0]?.method).toBe('POST');
    expect(requests[1]?.headers.get('accept-language')).toBe('en');
    expect(requests[1]?.headers.get('content-type')).toBeNull();
  });

  it('returns undefined for 204', async () => {
    const { client } = setup(() => new Response(null, { status: 204 }));
    await expect(client.post('/api/auth/logout')).resolves.toBeUndefined();
  });

  it('turns {code, message, field} into an ApiError carrying the API message', async () => {
    const { client } = setup(() =>
      jsonResponse(401, { code: 'TREMPLIN_ERR_INVALID_CREDENTIALS', message: 'Identifiants incorrects.' }),
    );
    const error = await client.post('/api/auth/login', {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 401,
      code: 'TREMPLIN_ERR_INVALID_CREDENTIALS',
      message: 'Identifiants incorrects.',
      messageKey: undefined,
    });

    const { client: other } = setup(() =>
      jsonResponse(400, { code: 'TREMPLIN_ERR_VALIDATION', message: 'E-mail invalide', field: 'email' }),
    );
    await expect(other.post('/api/auth/login', {})).rejects.toMatchObject({ status: 400, field: 'email' });
  });

  it('reports a network failure as a localized "server unreachable" error', async () => {
    const { client } = setup(() => {
      throw new TypeError('Failed to fetch');
    });
    await expect(client.get('/api/me')).rejects.toMatchObject({
      status: 0,
      code: 'TREMPLIN_ERR_NETWORK',
      messageKey: 'error.network',
      message: expect.stringContaining('injoignable'),
    });

    const { client: english } = setup(() => {
      throw new TypeError('Failed to fetch');
    }, 'en');
    await expect(english.get('/api/me')).rejects.toMatchObject({
      message: expect.stringContaining('cannot be reached'),
    });
  });

  it('treats a gateway error without an API body as "server unreachable"', async () => {
    const { client } = setup(() => new Response('Bad Gateway', { status: 502 }));
    await expect(client.get('/api/me')).rejects.toMatchObject({ status: 0, code: 'TREMPLIN_ERR_NETWORK' });
  });

  it('reports a response that is not the expected JSON as unexpected', async () => {
    const { client } = setup(
      () => new Response('<html>', { status: 200, headers: { 'content-type': 'text/html' } }),
    );
    await expect(client.get('/api/groups')).rejects.toMatchObject({
      code: 'TREMPLIN_ERR_UNEXPECTED_RESPONSE',
      messageKey: 'error.unexpected',
    });
    const { client: other } = setup(() => new Response('oops', { status: 500 }));
    await expect(other.get('/api/groups')).rejects.toMatchObject({
      status: 500,
      messageKey: 'error.unexpected',
    });
  });

  it('lets an abort through untouched', async () => {
    const { client } = setup(() => {
      throw new DOMException('aborted', 'AbortError');
    });
    await expect(client.get('/api/groups')).rejects.toMatchObject({ name: 'AbortError' });
  });
});
