import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RUN_WORKER_POLICY } from '../src/plugins/security-headers.ts';
import { buildTestApp, signIn, type TestApp } from './helper.ts';

// A small build of our own whose page carries an inline script, as SvelteKit's fallback page does.
const BOOT = '\n      window.booted = true;\n    ';
const PAGE = `<!doctype html><html><head><script>${BOOT}</script><script type="module" src="/_app/immutable/start.js"></script></head><body></body></html>`;
const BOOT_HASH = `'sha256-${createHash('sha256').update(BOOT).digest('base64')}'`;

let dir: string;
let t: TestApp;
let published: TestApp;
let proxied: TestApp;
beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'tremplin-headers-'));
  writeFileSync(path.join(dir, '200.html'), PAGE);
  mkdirSync(path.join(dir, '_app', 'immutable'), { recursive: true });
  writeFileSync(path.join(dir, '_app', 'immutable', 'start.js'), 'window.started = true;');
  mkdirSync(path.join(dir, '_app', 'immutable', 'workers'));
  for (const name of ['offline-run.worker-Bx1_c9.js', 'editor.worker-Q2a.js'])
    writeFileSync(path.join(dir, '_app', 'immutable', 'workers', name), 'self.ready = true;');
  t = await buildTestApp({ env: { WEB_BUILD_DIR: dir, PORT: '3000' } });
  published = await buildTestApp({
    database: t.database,
    env: { WEB_BUILD_DIR: dir, PUBLIC_ORIGIN: 'https://tremplin.gouv.tg,https://www.tremplin.gouv.tg' },
  });
  proxied = await buildTestApp({ database: t.database, env: { TRUST_PROXY: '127.0.0.1,10.0.0.0/8' } });
  // A probe of the address each app sees, added before the apps are ready.
  for (const app of [proxied.app, t.app]) {
    app.addHook('onSend', async (request, reply) => {
      reply.header('x-test-client-ip', request.ip);
    });
  }
});
afterAll(async () => {
  await proxied.close();
  await published.close();
  await t.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The CSP header as a map of directive to sources. */
function policyOf(response: LightMyRequestResponse): Map<string, string[]> {
  const header = String(response.headers['content-security-policy'] ?? '');
  return new Map(
    header
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter(([name]) => name)
      .map(([name, ...sources]) => [name!, sources]),
  );
}

const answers = {
  page: () => t.app.inject({ url: '/connexion', headers: { accept: 'text/html' } }),
  asset: () => t.app.inject({ url: '/_app/immutable/start.js' }),
  'JSON answer': () => t.app.inject({ url: '/api/health' }),
  'refusal of an anonymous caller': () => t.app.inject({ url: '/api/me' }),
  'unknown API address': () => t.app.inject({ url: '/api/nowhere' }),
};

describe('security headers', () => {
  it.each(Object.keys(answers) as (keyof typeof answers)[])('are on every answer: %s', async (kind) => {
    const response = await answers[kind]();
    expect(response.headers).toMatchObject({
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
      'referrer-policy': 'same-origin',
    });
    const policy = policyOf(response);
    expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
    expect(policy.get('object-src')).toEqual(["'none'"]);
    expect(policy.get('script-src')).toEqual(["'self'", BOOT_HASH]);
    expect(response.headers['strict-transport-security']).toBeUndefined();
  });

  it('allow the page’s own inline script by its hash, never any inline script', async () => {
    const response = await answers.page();
    expect(response.body).toBe(PAGE);
    const policy = policyOf(response);
    expect(policy.get('script-src')).not.toContain("'unsafe-inline'");
    expect(policy.get('script-src-attr')).toEqual(["'none'"]);
    expect(policy.get('default-src')).toEqual(["'self'"]);
    expect(policy.get('worker-src')).toEqual(["'self'"]);
    expect(policy.get('connect-src')).toEqual(["'self'", 'ws://localhost:3000', 'ws://127.0.0.1:3000']);
    expect(policy.has('upgrade-insecure-requests')).toBe(false);
  });

  it('let the offline Run’s worker evaluate code, and nothing else: no fetch, no other worker', async () => {
    const worker = await t.app.inject({ url: '/_app/immutable/workers/offline-run.worker-Bx1_c9.js' });
    expect(worker.statusCode).toBe(200);
    expect(worker.headers['content-security-policy']).toBe(RUN_WORKER_POLICY);
    expect(policyOf(worker).get('default-src')).toEqual(["'none'"]);
    for (const url of ['/_app/immutable/workers/editor.worker-Q2a.js', '/_app/immutable/start.js']) {
      const other = await t.app.inject({ url });
      expect(policyOf(other).get('script-src')).toEqual(["'self'", BOOT_HASH]);
    }
  });

  it('add HSTS and secure sockets when the platform is published over https', async () => {
    const response = await published.app.inject({ url: '/api/health' });
    expect(response.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    const policy = policyOf(response);
    expect(policy.get('connect-src')).toEqual([
      "'self'",
      'wss://tremplin.gouv.tg',
      'wss://www.tremplin.gouv.tg',
    ]);
    expect(policy.has('upgrade-insecure-requests')).toBe(true);
  });

  it('keep the API documentation working: its scripts are files of the origin', async () => {
    const response = await t.app.inject({ url: '/api/docs' });
    expect(response.statusCode).toBe(200);
    expect(response.body).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>\s*\S/);
    expect(policyOf(response).get('script-src')).toEqual(["'self'", BOOT_HASH]);
  });
});

describe('the live socket’s origin check', () => {
  it('refuses a page of another site before the upgrade, in the platform’s format', async () => {
    const cookie = await signIn(t.app, 'tuteur1@tremplin.test');
    const headers = { cookie, origin: 'https://evil.example', 'accept-language': 'en' };
    await expect(t.app.injectWS('/ws', { headers })).rejects.toThrow(/403/);
    const response = await t.app.inject({ url: '/ws', headers });
    expect(response.statusCode).toBe(403);
    expect(response.json()).toEqual({
      code: 'TREMPLIN_ERR_WS_ORIGIN_FORBIDDEN',
      message: 'The live connection is only accepted from the pages of Tremplin.',
    });
  });

  it('refuses the origins of another port or scheme of the same host', async () => {
    const cookie = await signIn(t.app, 'tuteur1@tremplin.test');
    for (const origin of ['http://localhost:3001', 'https://localhost:3000', 'null']) {
      await expect(t.app.injectWS('/ws', { headers: { cookie, origin } })).rejects.toThrow(/403/);
    }
  });

  it.each([
    ['a configured origin', { origin: 'http://127.0.0.1:3000' }],
    ['a client without Origin (server tools, the benchmark)', {}],
  ])('accepts %s', async (_name, extra) => {
    const cookie = await signIn(t.app, 'tuteur1@tremplin.test');
    let hello: Promise<unknown> | undefined;
    const socket = await t.app.injectWS(
      '/ws',
      { headers: { cookie, ...extra } },
      {
        onInit: (ws) => {
          hello = new Promise((resolve) =>
            ws.once('message', (data: Buffer) => resolve(JSON.parse(String(data)))),
          );
        },
      },
    );
    try {
      await expect(hello).resolves.toMatchObject({ type: 'hello' });
    } finally {
      socket.terminate();
    }
  });

  it('accepts each published origin and only those', async () => {
    const cookie = await signIn(published.app, 'tuteur1@tremplin.test');
    const socket = await published.app.injectWS('/ws', {
      headers: { cookie, origin: 'https://www.tremplin.gouv.tg' },
    });
    socket.terminate();
    await expect(
      published.app.injectWS('/ws', { headers: { cookie, origin: 'http://tremplin.gouv.tg' } }),
    ).rejects.toThrow(/403/);
  });
});

describe('TRUST_PROXY', () => {
  /** The client address the app sees for a request from `remoteAddress` carrying X-Forwarded-For. */
  async function clientAddress(app: TestApp['app'], remoteAddress: string): Promise<string> {
    const response = await app.inject({
      url: '/api/health',
      remoteAddress,
      headers: { 'x-forwarded-for': '203.0.113.7' },
    });
    expect(response.statusCode).toBe(200);
    return String(response.headers['x-test-client-ip']);
  }

  it('takes the client’s address from a trusted proxy’s X-Forwarded-For', async () => {
    expect(await clientAddress(proxied.app, '127.0.0.1')).toBe('203.0.113.7');
    expect(await clientAddress(proxied.app, '10.20.30.40')).toBe('203.0.113.7');
  });

  it('ignores X-Forwarded-For from any other address: a client cannot forge its own', async () => {
    expect(await clientAddress(proxied.app, '198.51.100.9')).toBe('198.51.100.9');
  });

  it('trusts no proxy by default', async () => {
    expect(await clientAddress(t.app, '127.0.0.1')).toBe('127.0.0.1');
  });
});
